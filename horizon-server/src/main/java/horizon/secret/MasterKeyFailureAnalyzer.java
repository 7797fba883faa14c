package horizon.secret;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link MasterKeyProblem} as Spring Boot's "application failed to start", not deep in a stack trace. */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyProblem cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the master key setting named above: HORIZON_MASTER_KEY "
                + "(horizon.master-key), HORIZON_PREVIOUS_MASTER_KEYS (horizon.previous-master-keys) or the key file "
                + "(horizon.key-file). A master key is 32 random bytes in base64 (openssl rand -base64 32), and every "
                + "node of one installation needs the same keys.", cause);
    }
}
