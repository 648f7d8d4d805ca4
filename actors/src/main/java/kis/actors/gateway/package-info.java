/**
 * The order gateway's pure parts: {@link kis.actors.gateway.NoticeRouter} (execution notices to
 * their owning agent, held while a reply is outstanding) and {@link kis.actors.gateway.OrderRateBudget}
 * (KIS's REST call budget on an injected clock).
 */
package kis.actors.gateway;
