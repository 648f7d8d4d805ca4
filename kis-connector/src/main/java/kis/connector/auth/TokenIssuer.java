package kis.connector.auth;

import java.util.concurrent.CompletionStage;
import kis.connector.Secret;

/**
 * Asks KIS for credentials. Implementations do exactly one HTTP call per invocation and never
 * retry: pacing is the {@link TokenManager}'s job. A refusal fails the stage with a
 * {@link kis.connector.KisApiException} carrying KIS's code (e.g. {@code EGW00133}).
 */
public interface TokenIssuer {
  /** {@code POST /oauth2/tokenP}. */
  CompletionStage<AccessToken> issueAccessToken();

  /** {@code POST /oauth2/Approval}: the websocket approval key. */
  CompletionStage<Secret> issueApprovalKey();
}
