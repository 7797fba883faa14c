package horizon.callback;

import horizon.secret.Resealed;
import horizon.secret.SealedValues;
import horizon.secret.SecretBox;
import horizon.secret.SecretBoxException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Key rotation for the webhook secrets: each re-sealed under its account and webhook name. */
@Component
class ResealingWebhookSecrets implements SealedValues {

    private static final Logger log = LoggerFactory.getLogger(ResealingWebhookSecrets.class);

    private final WebhookStore store;

    ResealingWebhookSecrets(WebhookStore store) {
        this.store = store;
    }

    @Override
    public String what() {
        return "webhook secrets";
    }

    @Override
    public Resealed reseal(SecretBox box) {
        int resealed = 0;
        int current = 0;
        List<String> unreadable = new ArrayList<>();
        for (WebhookStore.SealedSecret stored : store.sealedSecrets()) {
            if (box.sealedWithCurrentKey(stored.envelope())) {
                current++;
                continue;
            }
            String associatedData = WebhookStore.aad(stored.accountId(), stored.name());
            String again;
            try {
                again = box.seal(box.open(stored.envelope(), associatedData), associatedData);
            } catch (SecretBoxException notOpened) {
                unreadable.add("account=" + stored.accountId() + " webhook=" + stored.name());
                log.warn("webhook secret of account={} webhook=\"{}\" does not open, left as it is: {}",
                        stored.accountId(), stored.name(), notOpened.getMessage());
                continue;
            }
            if (store.replaceSealedSecret(stored, again)) {
                resealed++;
            } else {
                current++; // registered again meanwhile by a node that seals with the current key
            }
        }
        return new Resealed(what(), resealed, current, unreadable);
    }
}
