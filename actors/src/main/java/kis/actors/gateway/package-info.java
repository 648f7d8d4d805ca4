/**
 * The order gateway: {@link kis.actors.gateway.OrderGateway} (the actor through which every order,
 * revise and cancel reaches KIS, and through which execution notices reach their agent; agents send
 * to it directly) and its pure parts, {@link kis.actors.gateway.GatewayState} (whether an agent's
 * message may go towards KIS: waiting for the kill switch, open, kill switch latched, closed; the
 * one place a message is refused before it is sent), {@link kis.actors.gateway.NoticeRouter}
 * (notices to their owning agent, held while a reply is outstanding) and
 * {@link kis.actors.gateway.OrderRateBudget} (KIS's REST call budget on an injected clock).
 */
package kis.actors.gateway;
