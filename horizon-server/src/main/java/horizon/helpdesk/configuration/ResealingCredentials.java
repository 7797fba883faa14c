package horizon.helpdesk.configuration;

import horizon.secret.Resealed;
import horizon.secret.SealedValues;
import horizon.secret.SecretBox;
import horizon.secret.SecretBoxException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Key rotation for the connections' credential envelopes: each re-sealed under its account's associated data. */
@Component
class ResealingCredentials implements SealedValues {

    private static final Logger log = LoggerFactory.getLogger(ResealingCredentials.class);

    private final HelpdeskConnectionRepository repository;

    ResealingCredentials(HelpdeskConnectionRepository repository) {
        this.repository = repository;
    }

    @Override
    public String what() {
        return "helpdesk credentials";
    }

    @Override
    public Resealed reseal(SecretBox box) {
        int resealed = 0;
        int current = 0;
        List<String> unreadable = new ArrayList<>();
        for (HelpdeskConnectionRepository.SealedCredentials stored : repository.sealedCredentials()) {
            if (box.sealedWithCurrentKey(stored.envelope())) {
                current++;
                continue;
            }
            String again;
            try {
                again = CredentialEnvelope.reseal(box, stored.accountId(), stored.envelope());
            } catch (SecretBoxException notOpened) {
                unreadable.add("account=" + stored.accountId());
                log.warn("helpdesk credentials of account={} do not open, left as they are: {}", stored.accountId(),
                        notOpened.getMessage());
                continue;
            }
            if (repository.replaceSealedCredentials(stored, again)) {
                resealed++;
            } else {
                current++; // replaced meanwhile by a node that seals with the current key
            }
        }
        return new Resealed(what(), resealed, current, unreadable);
    }
}
