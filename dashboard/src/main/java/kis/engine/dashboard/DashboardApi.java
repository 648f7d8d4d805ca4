package kis.engine.dashboard;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import kis.journal.AgentId;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The dashboard's HTTP routes: the page and its assets, the JSON API, the live stream (server-sent
 * events), the controls and {@code /metrics}. See {@code dashboard/DASHBOARD.md} for the API.
 */
final class DashboardApi extends AllDirectives {
  static final String TOKEN_HEADER = "Authorization";
  static final String OPERATOR_HEADER = "X-Operator";
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

  private final Dashboard d;
  private final DashboardSettings settings;

  DashboardApi(Dashboard dashboard, DashboardSettings settings) {
    this.d = dashboard;
    this.settings = settings;
  }

  Route routes() {
    if (settings.readsNeedToken()) {
      return allRoutes();
    }
    // Open reads are only safe if a web page elsewhere cannot reach them through DNS rebinding:
    // a browser sends that page's host name, so only loopback names are served.
    return extractHost(host -> LOOPBACK_NAMES.contains(host.toLowerCase(java.util.Locale.ROOT))
        ? allRoutes()
        : error(StatusCodes.MISDIRECTED_REQUEST, "this dashboard answers to 127.0.0.1 or localhost only"));
  }

  private static final java.util.Set<String> LOOPBACK_NAMES = java.util.Set.of("127.0.0.1", "localhost", "::1",
      "[::1]");

  private Route allRoutes() {
    return concat(
        pathSingleSlash(() -> get(() -> getFromResource("dashboard/index.html", ContentTypes.TEXT_HTML_UTF8))),
        pathPrefix("assets", () -> get(() -> getFromResourceDirectory("dashboard"))),
        path("metrics", () -> get(this::metrics)),
        pathPrefix("api", () -> concat(
            get(() -> readAuthorized(this::reads)),
            post(() -> controlAuthorized(this::controls)))));
  }

  // ---- read side ----

  private Route reads() {
    return concat(
        path("overview", () -> json(d.view().snapshot())),
        path("agents", () -> json(d.view().agents())),
        path("nodes", () -> json(d.view().nodes())),
        path("limits", () -> json(d.view().limits())),
        path(segment("agents").slash(segment()), id -> agentDetail(id)),
        path("audit", () -> json(d.audit().recent())),
        path("stream", () -> parameterOptional("agent", this::stream)));
  }

  private Route agentDetail(String rawId) {
    Optional<AgentId> id = parseAgent(rawId);
    if (id.isEmpty()) {
      return error(StatusCodes.BAD_REQUEST, "not an agent id: " + rawId);
    }
    return d.view().agent(id.get())
        .map(this::json)
        .orElseGet(() -> error(StatusCodes.NOT_FOUND, "no agent " + id.get()));
  }

  /** Every interval, the overview (and the selected agent's detail) as one {@code snapshot} event. */
  private Route stream(Optional<String> agent) {
    Optional<AgentId> id = agent.flatMap(DashboardApi::parseAgent);
    Source<ServerSentEvent, NotUsed> events = Source.tick(Duration.ZERO, settings.streamInterval(), "tick")
        .map(t -> ServerSentEvent.create(Json.write(streamFrame(id)), "snapshot"))
        .mapMaterializedValue(c -> NotUsed.getInstance());
    return completeOK(events, EventStreamMarshalling.toEventStream());
  }

  private Map<String, Object> streamFrame(Optional<AgentId> agent) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("overview", d.view().snapshot());
    agent.flatMap(a -> d.view().agent(a)).ifPresent(detail -> frame.put("agent", detail));
    return frame;
  }

  private Route metrics() {
    d.metrics().refreshFrom(d.view().snapshot());
    return complete(HttpResponse.create().withEntity(HttpEntities.create(
        ContentTypes.create(MediaTypes.TEXT_PLAIN, org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8),
        d.metrics().scrape())));
  }

  // ---- controls ----

  private Route controls(Operator who) {
    EngineControl c = d.control();
    return concat(
        path(segment("agents").slash(segment()).slash("pause"),
            id -> agentAction(who, "pause", id, a -> c.pause(a, who))),
        path(segment("agents").slash(segment()).slash("resume"),
            id -> agentAction(who, "resume", id, a -> c.resume(a, who))),
        path(segment("agents").slash(segment()).slash("park"),
            id -> agentAction(who, "park", id, a -> c.park(a, who))),
        path(segment("agents").slash(segment()).slash("cancel-orders"),
            id -> agentAction(who, "cancel-orders", id, a -> c.cancelOrders(a, who))),
        path(segment("agents").slash(segment()).slash("fresh-start"), id -> parameterOptional("handover", h -> {
          boolean handover = h.map(v -> v.equalsIgnoreCase("true")).orElse(false);
          // Audited under its own name: handing shares over is a different act from a plain restart.
          return agentAction(who, handover ? "fresh-start-handover" : "fresh-start", id,
              a -> c.freshStart(a, who, handover));
        })),
        path(segment("agents").slash(segment()).slash("book-back"),
            id -> agentAction(who, "book-back", id, a -> c.bookBack(a, who), EngineControl.LONG_CONTROL)),
        path(segment("kill-switch").slash("reset"),
            () -> action(who, "kill-switch-reset", "", () -> c.killSwitchReset(who))),
        path("kill-switch", () -> parameterOptional("reason", reason ->
            action(who, "kill-switch-on", "", () -> c.killSwitchOn(who, reason.orElse("operator request"))))),
        path(segment("reconcile").slash("accept-cash"), () -> action(who, "reconcile-accept-cash", "",
            () -> c.acceptCash(who))),
        path("reconcile", () -> action(who, "reconcile", "", () -> c.reconcile(who), EngineControl.LONG_CONTROL)));
  }

  private Route agentAction(Operator who, String name, String rawId,
      Function<AgentId, CompletionStage<ControlResult>> call) {
    return agentAction(who, name, rawId, call, CONTROL_TIMEOUT);
  }

  private Route agentAction(Operator who, String name, String rawId,
      Function<AgentId, CompletionStage<ControlResult>> call, Duration timeout) {
    Optional<AgentId> id = parseAgent(rawId);
    if (id.isEmpty()) {
      return error(StatusCodes.BAD_REQUEST, "not an agent id: " + rawId);
    }
    return action(who, name, id.get().value(), () -> call.apply(id.get()), timeout);
  }

  private Route action(Operator who, String name, String target, Supplier<CompletionStage<ControlResult>> call) {
    return action(who, name, target, call, CONTROL_TIMEOUT);
  }

  private Route action(Operator who, String name, String target, Supplier<CompletionStage<ControlResult>> call,
      Duration timeout) {
    d.audit().record(who, name, target, "requested");
    CompletionStage<HttpResponse> reply = call.get().toCompletableFuture()
        // A little over the engine's own wait, so its answer (even a refusal) wins the race.
        .orTimeout(timeout.plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(r -> {
          d.audit().record(who, name, target, (r.ok() ? "ok: " : "refused: ") + r.message());
          return jsonResponse(r.ok() ? StatusCodes.OK : StatusCodes.CONFLICT, r);
        })
        .exceptionally(e -> {
          d.audit().record(who, name, target, "no answer: " + e.getClass().getSimpleName());
          return jsonResponse(StatusCodes.SERVICE_UNAVAILABLE, ControlResult.refused("engine did not answer"));
        });
    return completeWithFuture(reply);
  }

  // ---- auth ----

  private Route readAuthorized(Supplier<Route> inner) {
    if (!settings.readsNeedToken()) {
      return inner.get();
    }
    return presentedToken(t -> d.token().matches(t.orElse(null))
        ? inner.get()
        : error(StatusCodes.UNAUTHORIZED, "this dashboard is not on loopback: reads need the control token"));
  }

  /**
   * A control needs the token from the {@code Authorization} header (never {@code ?token=}) and no
   * cross-site origin ({@link ControlRequestCheck}); a refusal is audited in aggregate and the
   * engine is not asked.
   */
  private Route controlAuthorized(Function<Operator, Route> inner) {
    return optionalHeaderValueByName(TOKEN_HEADER, auth -> parameterOptional("token", query ->
        optionalHeaderValueByName("Origin", origin -> optionalHeaderValueByName("Sec-Fetch-Site", site ->
            optionalHeaderValueByName("Host", host -> optionalHeaderValueByName(OPERATOR_HEADER, name -> {
              Operator who = new Operator(name.orElse(null));
              Optional<ControlRefusal> refusal = ControlRequestCheck.check(new ControlRequestCheck.Request(
                  auth, query.isPresent(), origin, site, host), d.token());
              if (refusal.isEmpty()) {
                return inner.apply(who);
              }
              return extractUnmatchedPath(rest -> {
                String action = rest.startsWith("/") ? rest.substring(1) : rest;
                d.audit().refused(who, action, refusal.get());
                return error(StatusCodes.get(refusal.get().status()), refusal.get().message());
              });
            }))))));
  }

  /** The token from {@code Authorization: Bearer ...}, or from {@code ?token=} (EventSource cannot set headers). */
  private Route presentedToken(Function<Optional<String>, Route> inner) {
    return optionalHeaderValueByName(TOKEN_HEADER, header -> parameterOptional("token", query -> {
      Optional<String> bearer = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
          .map(h -> h.substring(7));
      return inner.apply(bearer.isPresent() ? bearer : query);
    }));
  }

  // ---- helpers ----

  private static Optional<AgentId> parseAgent(String raw) {
    try {
      return Optional.of(new AgentId(raw));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Route json(Object value) {
    return complete(jsonResponse(StatusCodes.OK, value));
  }

  private Route error(StatusCode status, String message) {
    return complete(jsonResponse(status, ControlResult.refused(message)));
  }

  private static HttpResponse jsonResponse(StatusCode status, Object value) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(value)));
  }
}
