package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.CallbackNotice.Action;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.HookContext;
import horizon.helpdesk.InboundCall;
import horizon.helpdesk.InboundVerdict;
import horizon.helpdesk.InboundVerdict.Accepted;
import horizon.helpdesk.InboundVerdict.Rejected;
import horizon.helpdesk.RegisteredHook;
import horizon.helpdesk.SignatureVerdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading Autotask callouts: the signature is proven before anything the body says is believed, keys are read in any
 * case, and every way a call can be wrong is a rejection with the status Horizon answers. Built without an API: a
 * request would fail the test.
 */
class AutotaskCallbacksReceiveTest {

    private static final String TICKETS_GUID = "a1da62a4-2c49-40a8-8183-69994ce5b3eb";
    private static final String TICKETS_SECRET = "test-webhook-secret";
    private static final String CONTACTS_GUID = "0b6f3c1e-9d7a-4f55-8f0e-5b2a1c3d4e5f";
    private static final String CONTACTS_SECRET = "another-hooks-secret-0123456789";

    private final AutotaskCallbacks callbacks = new AutotaskCallbacks(null);
    private final HookContext context = new HookContext(AutotaskCredentials.of("user", "secret", "code"), List.of(
            new RegisteredHook("Tickets", "11", TICKETS_GUID, TICKETS_SECRET),
            new RegisteredHook("Contacts", "14", CONTACTS_GUID, CONTACTS_SECRET)));

    @Test
    void aSignedUpdateAnnouncesTheTicketWithEverythingItCarries() {
        String body = "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":351182,"
                + "\"Fields\":{\"TicketNumber\":\"T20250915.0002\",\"Status\":\"5\"},\"EventTime\":\"2025-09-15T15:10:00Z\","
                + "\"SequenceNumber\":2,\"PersonID\":30691780}";

        Accepted accepted = accepted(receive(body, TICKETS_SECRET));

        assertThat(accepted.signature()).isEqualTo(SignatureVerdict.VALID);
        assertThat(accepted.notices()).containsExactly(new CallbackNotice("Ticket", HelpdeskEntity.TICKETS, 351182,
                Action.UPDATED, "2", Instant.parse("2025-09-15T15:10:00Z"), "30691780", TICKETS_GUID,
                "T20250915.0002"));
    }

    @Test
    void keysAreReadInAnyCaseAtEveryLevel() {
        String body = "{\"action\":\"create\",\"GUID\":\"" + TICKETS_GUID + "\",\"entityType\":\"ticket\",\"id\":7,"
                + "\"fields\":{\"ticketNumber\":\"T1\"},\"eventTime\":\"2025-09-15T15:10:00.1234567Z\","
                + "\"sequenceNumber\":9,\"PersonId\":42}";

        CallbackNotice notice = accepted(receive(body, TICKETS_SECRET)).notices().get(0);

        assertThat(notice).isEqualTo(new CallbackNotice("ticket", HelpdeskEntity.TICKETS, 7, Action.CREATED, "9",
                Instant.parse("2025-09-15T15:10:00.1234567Z"), "42", TICKETS_GUID, "T1"));
    }

    @Test
    void eachEntityTypeMapsAndAnUnknownOneIsKeptAsSent() {
        assertThat(entityOf("Ticket")).isEqualTo(HelpdeskEntity.TICKETS);
        assertThat(entityOf("TicketNote")).isEqualTo(HelpdeskEntity.TICKET_NOTES);
        assertThat(entityOf("Company")).isEqualTo(HelpdeskEntity.COMPANIES);
        assertThat(entityOf("Account")).isEqualTo(HelpdeskEntity.COMPANIES);
        assertThat(entityOf("Contact")).isEqualTo(HelpdeskEntity.CONTACTS);

        String body = "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"ConfigurationItem\","
                + "\"Id\":5,\"Fields\":{},\"SequenceNumber\":1}";
        CallbackNotice notice = accepted(receive(body, TICKETS_SECRET)).notices().get(0);
        assertThat(notice.entity()).isNull();
        assertThat(notice.type()).isEqualTo("ConfigurationItem");
        assertThat(notice.externalId()).isEqualTo(5);
    }

    @Test
    void aDeleteWithoutFieldsIsValid() {
        String body = "{\"Action\":\"Delete\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":351182,"
                + "\"EventTime\":\"2025-09-15T15:10:00Z\",\"SequenceNumber\":3,\"PersonID\":30691780}";

        CallbackNotice notice = accepted(receive(body, TICKETS_SECRET)).notices().get(0);

        assertThat(notice.action()).isEqualTo(Action.DELETED);
        assertThat(notice.externalId()).isEqualTo(351182);
        assertThat(notice.ticketNumber()).isNull();
    }

    @Test
    void aSignedDeactivationIsANoticeWithoutRecord() {
        String body = "{\"Action\":\"Deactivated\",\"Guid\":\"" + TICKETS_GUID + "\",\"Id\":11,"
                + "\"EventTime\":\"2025-09-15T16:00:00Z\",\"SequenceNumber\":40}";

        Accepted accepted = accepted(receive(body, TICKETS_SECRET));

        assertThat(accepted.notices()).containsExactly(new CallbackNotice(null, null, 0, Action.DEACTIVATED, "40",
                Instant.parse("2025-09-15T16:00:00Z"), null, TICKETS_GUID, null));
    }

    @Test
    void anUnsignedOrWronglySignedDeactivationIsRejectedBeforeItIsBelieved() {
        String body = "{\"Action\":\"Deactivated\",\"Guid\":\"" + TICKETS_GUID + "\",\"Id\":11,\"SequenceNumber\":40}";

        Rejected unsigned = rejected(receive(body, null));
        Rejected forged = rejected(receive(body, "guessed-secret"));

        assertThat(unsigned.signature()).isEqualTo(SignatureVerdict.MISSING);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(forged.signature()).isEqualTo(SignatureVerdict.INVALID);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.reason()).doesNotContain(TICKETS_SECRET);
    }

    @Test
    void anUnknownGuidIsRejectedWithWhatTheCallClaimed() {
        String guid = "ffffffff-0000-4000-8000-000000000000";
        String body = "{\"Action\":\"Update\",\"Guid\":\"" + guid + "\",\"EntityType\":\"Ticket\",\"Id\":99,"
                + "\"Fields\":{\"TicketNumber\":\"T9\"},\"SequenceNumber\":1}";

        Rejected rejected = rejected(receive(body, TICKETS_SECRET));

        assertThat(rejected.signature()).isEqualTo(SignatureVerdict.NOT_CHECKED);
        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.reason()).isEqualTo("No Horizon webhook with GUID " + guid + " in this account.");
        assertThat(rejected.notice().entity()).isEqualTo(HelpdeskEntity.TICKETS);
        assertThat(rejected.notice().externalId()).isEqualTo(99);
        assertThat(rejected.notice().ticketNumber()).isEqualTo("T9");
    }

    @Test
    void aCallSignedWithAnotherWebhooksSecretIsInvalid() {
        String body = "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":1,"
                + "\"Fields\":{},\"SequenceNumber\":1}";

        Rejected rejected = rejected(receive(body, CONTACTS_SECRET));

        assertThat(rejected.signature()).isEqualTo(SignatureVerdict.INVALID);
        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.notice().externalId()).isEqualTo(1);
    }

    @Test
    void malformedCallsAre400AndNotChecked() {
        for (String body : List.of("", "{not json", "[1,2]", "\"text\"", "{}", "{\"Guid\":7}", "{\"Guid\":\"  \"}")) {
            Rejected rejected = rejected(receive(body, TICKETS_SECRET));
            assertThat(rejected.status()).as(body).isEqualTo(400);
            assertThat(rejected.signature()).as(body).isEqualTo(SignatureVerdict.NOT_CHECKED);
            assertThat(rejected.notice()).as(body).isNull();
        }
    }

    @Test
    void aSignedRecordCallWithoutANumericIdOrWithAnUnknownActionIs400() {
        for (String body : List.of(
                "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Fields\":{}}",
                "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":\"abc\"}",
                "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":1.5}",
                "{\"Action\":\"Merge\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":1}")) {
            Rejected rejected = rejected(receive(body, TICKETS_SECRET));
            assertThat(rejected.status()).as(body).isEqualTo(400);
            assertThat(rejected.signature()).as(body).isEqualTo(SignatureVerdict.VALID);
        }
    }

    @Test
    void anIdSentAsTextIsRead() {
        String body = "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":\"351181\"}";

        assertThat(accepted(receive(body, TICKETS_SECRET)).notices().get(0).externalId()).isEqualTo(351181);
    }

    @Test
    void aBodySignedInItsDotNetFormIsAcceptedAsValidEscaped() {
        String wire = "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":351183,"
                + "\"Fields\":{\"Title\":\"Café printer <down> & \\\"urgent\\\" + 'VIP'\"},"
                + "\"EventTime\":\"2025-09-15T16:00:00Z\",\"SequenceNumber\":3,\"PersonId\":30691780}";
        // the vector file's header for exactly this wire
        InboundCall call = new InboundCall(wire.getBytes(StandardCharsets.UTF_8),
                Map.of("x-hook-signature", "sha1=Gk8OpF5XHo6mJ98i9rKOJ0HHZPE="), Map.of());

        Accepted accepted = accepted(callbacks.receive(call, context));

        assertThat(accepted.signature()).isEqualTo(SignatureVerdict.VALID_ESCAPED);
        assertThat(accepted.notices().get(0).externalId()).isEqualTo(351183);
    }

    @Test
    void aHookWithoutStoredSecretCannotProveAnything() {
        HookContext noSecret = new HookContext(context.credentials(),
                List.of(new RegisteredHook("Tickets", "11", TICKETS_GUID, null)));
        String body = "{\"Action\":\"Update\",\"Guid\":\"" + TICKETS_GUID + "\",\"EntityType\":\"Ticket\",\"Id\":1}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        InboundVerdict verdict = callbacks.receive(new InboundCall(bytes,
                Map.of("X-Hook-Signature", AutotaskHookSignatureTest.sign("anything", bytes)), Map.of()), noSecret);

        assertThat(rejected(verdict).status()).isEqualTo(401);
        assertThat(verdict.signature().proven()).isFalse();
    }

    @Test
    void theAdapterHasNoOtherAnswerForTheHelpdeskPart() {
        assertThat(callbacks.pathSegment()).isEqualTo("autotask");
        assertThat(callbacks.announced()).containsExactlyInAnyOrder(HelpdeskEntity.TICKETS,
                HelpdeskEntity.TICKET_NOTES, HelpdeskEntity.COMPANIES, HelpdeskEntity.CONTACTS);
    }

    private HelpdeskEntity entityOf(String type) {
        String body = "{\"Action\":\"Create\",\"Guid\":\"" + CONTACTS_GUID + "\",\"EntityType\":\"" + type
                + "\",\"Id\":3}";
        return accepted(receive(body, CONTACTS_SECRET)).notices().get(0).entity();
    }

    /** The call as it arrives, signed over its bytes with {@code secret} (no header when null). */
    private InboundVerdict receive(String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = secret == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "X-Hook-Signature", AutotaskHookSignatureTest.sign(secret, bytes));
        return callbacks.receive(new InboundCall(bytes, headers, Map.of()), context);
    }

    private static Accepted accepted(InboundVerdict verdict) {
        assertThat(verdict).isInstanceOf(Accepted.class);
        return (Accepted) verdict;
    }

    private static Rejected rejected(InboundVerdict verdict) {
        assertThat(verdict).isInstanceOf(Rejected.class);
        return (Rejected) verdict;
    }
}
