/**
 * The order gateway: {@link kis.actors.gateway.OrderGateway} (the actor through which every order,
 * revise and cancel reaches KIS, and through which execution notices reach their agent) and its
 * pure parts, {@link kis.actors.gateway.NoticeRouter} (notices to their owning agent, held while a
 * reply is outstanding) and {@link kis.actors.gateway.OrderRateBudget} (KIS's REST call budget on
 * an injected clock).
 */
package kis.actors.gateway;
