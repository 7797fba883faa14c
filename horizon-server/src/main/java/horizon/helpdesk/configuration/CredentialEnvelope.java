package horizon.helpdesk.configuration;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.secret.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way credentials are sealed at rest: all of a connection's fields as one JSON object, sealed with the
 * account id as associated data, so an envelope copied to another account (or to the onboarding session of another
 * account) does not open.
 */
final class CredentialEnvelope {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private CredentialEnvelope() {
    }

    /** Seals for storage with the connection. */
    static String seal(SecretBox box, long accountId, HelpdeskCredentials credentials) {
        return seal(box, aad(accountId, "helpdesk-credentials"), credentials);
    }

    /** @throws RuntimeException from {@link SecretBox} when this node's master key does not open it */
    static HelpdeskCredentials open(SecretBox box, long accountId, String envelope) {
        return open(box, aad(accountId, "helpdesk-credentials"), envelope);
    }

    /** Seals under another purpose (the onboarding session), so the two envelopes never stand in for each other. */
    static String seal(SecretBox box, String associatedData, HelpdeskCredentials credentials) {
        return box.seal(JSON.writeValueAsString(credentials.values()), associatedData);
    }

    static HelpdeskCredentials open(SecretBox box, String associatedData, String envelope) {
        Map<String, String> values = JSON.readValue(box.open(envelope, associatedData), FIELDS);
        return HelpdeskCredentials.of(values);
    }

    /** The stored envelope opened with whichever key sealed it and sealed again with the current key, same purpose. */
    static String reseal(SecretBox box, long accountId, String envelope) {
        String associatedData = aad(accountId, "helpdesk-credentials");
        return box.seal(box.open(envelope, associatedData), associatedData);
    }

    static String aad(long accountId, String purpose) {
        return "account:" + accountId + ":" + purpose;
    }
}
