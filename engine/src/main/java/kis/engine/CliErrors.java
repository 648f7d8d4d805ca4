package kis.engine;

import com.typesafe.config.ConfigException;
import kis.connector.KisException;
import picocli.CommandLine;

/**
 * What a subcommand's failure looks like to the user: a KIS refusal, an unreachable host or a bad
 * setting is one line on stderr and exit 1, not a stack trace (their messages say all there is,
 * and never carry a secret). Anything else is a bug and keeps picocli's trace.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
  static final int FAILED = 1;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
    Throwable known = expected(ex);
    if (known == null) {
      throw ex;
    }
    cli.getErr().println(cli.getColorScheme().errorText(cli.getCommandSpec().qualifiedName() + ": " + known.getMessage()));
    cli.getErr().flush();
    return FAILED;
  }

  /** The KIS or configuration failure behind {@code ex} (futures wrap it), or null. */
  private static Throwable expected(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KisException || t instanceof ConfigException) {
        return t;
      }
    }
    return null;
  }
}
