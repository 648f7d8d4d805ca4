package kis.engine.dashboard;

/**
 * What the dashboard serves: the engine's two ports plus the token, the metrics registry and the
 * audit trail. The engine builds one at start and hands it to {@link DashboardServer#start}.
 */
public record Dashboard(
    EngineView view,
    EngineControl control,
    ControlToken token,
    EngineMetrics metrics,
    ControlAudit audit) {}
