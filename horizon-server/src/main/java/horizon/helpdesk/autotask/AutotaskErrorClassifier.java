package horizon.helpdesk.autotask;

import horizon.helpdesk.BoundedExchange;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns each way Autotask answers "no" into a retriable or permanent {@link HelpdeskException} with a message an admin
 * can act on.
 *
 * <p>Autotask answers many client mistakes with HTTP 500 and a text in {@code errors[]}, so a 500 is read before it is
 * called retriable: unknown user, rejected integration code, missing permission, a missing record and a broken business
 * rule are permanent; a 500 without such a reason stays retriable.
 */
final class AutotaskErrorClassifier {

    /** Which call failed: zone discovery is unauthenticated and its 500 means "no such user". */
    enum Call { ZONE_DISCOVERY, API }

    static final List<String> SECURITY_LEVEL_STEPS = List.of(
            "In Autotask, open Admin › Account Settings & Users › Resources/Users (HR) › Security Levels.",
            "Open the API User (system) level and click Copy; name the copy, for example, API + Webhook.",
            "Under Feature Access, make sure Can login to Web Services API is ticked.",
            "In the Webhooks section, tick Can create webhooks and set the maximum number of webhooks to 50; save.",
            "Edit this API user, set its Security Level to the new level and save. Its key and secret stay the same.",
            "Come back here and click Test Connection again.");

    private static final int MAX_PSA_MESSAGE = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern ZONE_UNKNOWN = Pattern.compile("zone information could not be determined");
    private static final Pattern INTEGRATION_CODE = Pattern.compile(
            "integration\\s*code|tracking\\s*identifier|integration\\s*vendor|apiintegrationcode");
    private static final Pattern PERMISSION = Pattern.compile(
            "adequate permission|does not have (the )?(required |necessary |sufficient )?permission|not authori[sz]ed to"
                    + "|insufficient permission|permission denied|not allowed for the security level");
    private static final Pattern UNKNOWN_USER = Pattern.compile(
            "(user ?name|user|resource).{0,80}?(not found|could not be found|does not exist|is not valid|is invalid"
                    + "|unknown|not recogni[sz]ed)|(unknown|invalid) (api )?user");
    /** An update or delete of a record that is not there (Autotask answers it with 500). */
    private static final Pattern NO_RECORD = Pattern.compile("no matching records found|no matching \\w+ found for id");
    /**
     * Autotask's business rules, answered with 500 and the rule in {@code errors[]}: "When assigning a Resource, you
     * must assign both…", "…does not reference an active Resource", "…cannot be impersonated". Sent again, the same
     * request is refused again.
     */
    private static final Pattern BUSINESS_RULE = Pattern.compile(
            "you must|must be|must belong|must reference|is required|are required|does not reference|does not belong"
                    + "|is not (a )?valid|is not assigned|cannot be|can not be|error converting value"
                    + "|unable to find .{1,80} in the .{1,80} entity");
    private static final Pattern RATE = Pattern.compile("thread threshold|threshold of \\d+|request limit|too many requests");

    private AutotaskErrorClassifier() {
    }

    /** Classifies an HTTP answer that was not 2xx. */
    static HelpdeskException classify(Call call, int status, String body) {
        String said = psaMessage(body);
        String lower = said == null ? "" : said.toLowerCase(Locale.ROOT);
        if (status == 401) {
            return HelpdeskException.answered(Kind.AUTHENTICATION, withPsa(
                    "Autotask found the API user but did not accept the API Secret. Copy the secret again from the "
                            + "API user's Credentials section in Autotask (or generate a new one) and paste it here.",
                    said), status, said).titled("Secret wrong");
        }
        if (status == 429 || RATE.matcher(lower).find()) {
            return HelpdeskException.answered(Kind.RATE_LIMITED, withPsa(
                    "Autotask is limiting requests for this database right now (its request threshold is shared "
                            + "by every integration). Horizon will try again shortly.", said), status, said);
        }
        // Autotask answers zoneInformation for a blank or unknown user with a bare 500; 502/503/504 are outages.
        if (ZONE_UNKNOWN.matcher(lower).find() || (call == Call.ZONE_DISCOVERY && status == 500)) {
            return userNotFound(status, said);
        }
        if (status >= 500 && INTEGRATION_CODE.matcher(lower).find()) {
            return HelpdeskException.answered(Kind.AUTHENTICATION, withPsa(
                    "Autotask did not accept the API Integration Code. Enter the tracking identifier issued to "
                            + "Horizon exactly as you received it.", said), status, said)
                    .titled("Integration code rejected");
        }
        if (status == 403 || (status >= 500 && PERMISSION.matcher(lower).find())) {
            return HelpdeskException.answered(Kind.PERMISSION, withPsa(
                    "The API user signed in, but its security level does not allow what Horizon needs.", said),
                    status, said, SECURITY_LEVEL_STEPS);
        }
        if (status >= 500 && NO_RECORD.matcher(lower).find()) {
            return HelpdeskException.answered(Kind.NOT_FOUND, withPsa(
                    "Autotask has no such record (any more).", said), status, said);
        }
        if (status >= 500 && BUSINESS_RULE.matcher(lower).find()) {
            return HelpdeskException.answered(Kind.VALIDATION, withPsa(
                    "Autotask refused the request under one of its rules; sending it again will not help until that "
                            + "is fixed.", said), status, said);
        }
        if (status >= 500 && UNKNOWN_USER.matcher(lower).find()) {
            return userNotFound(status, said);
        }
        if (status >= 500) {
            return HelpdeskException.answered(Kind.TRANSIENT, withPsa(
                    "Autotask answered with an error (HTTP " + status + "). Horizon will try again.", said),
                    status, said);
        }
        if (status >= 400) {
            Kind kind = status == 404 ? Kind.NOT_FOUND : status == 409 ? Kind.CONFLICT : Kind.VALIDATION;
            return HelpdeskException.answered(kind, withPsa(
                    "Autotask rejected Horizon's request (HTTP " + status + ").", said), status, said);
        }
        return HelpdeskException.answered(Kind.TRANSIENT, withPsa(
                "Autotask gave an unexpected answer (HTTP " + status + "). Horizon will try again.", said),
                status, said);
    }

    /** Classifies a failure that left no HTTP answer: the host was not reached, or it did not answer in time. */
    static HelpdeskException classifyTransport(URI target, IOException failure, Duration timeout) {
        String where = target.getScheme() + "://" + target.getAuthority();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BoundedExchange.ResponseTooLarge tooLarge) {
                // the same request would get the same answer again: permanent, not retried
                return HelpdeskException.transport(Kind.VALIDATION, "Autotask at " + where + " sent an answer larger "
                        + "than " + size(tooLarge.limit()) + "; Horizon stopped reading it. Raise "
                        + "horizon.autotask.max-response-bytes if such answers are expected.", failure)
                        .titled("Answer too large");
            }
            if (cause instanceof HttpTimeoutException) {
                return HelpdeskException.transport(Kind.TRANSIENT, "Autotask at " + where + " did not answer within "
                        + seconds(timeout) + ". Horizon will try again.", failure).titled("Timed out");
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException) {
                return unreachable(target, where, failure);
            }
        }
        return unreachable(target, where, failure);
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    /** A failure the transport reports as an unchecked exception, e.g. an unresolvable host name. */
    static HelpdeskException classifyTransport(URI target, RuntimeException failure) {
        return unreachable(target, target.getScheme() + "://" + target.getAuthority(), failure);
    }

    /** The PSA's own words from an error body: {@code errors[]} joined, else ASP.NET's {@code Message}, else the text. */
    static String psaMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            List<String> messages = new ArrayList<>();
            JsonNode errors = node.path("errors");
            if (errors.isArray()) {
                errors.forEach(e -> messages.add(e.isString() ? e.stringValue() : e.toString()));
            }
            for (String field : List.of("Message", "message")) {
                if (messages.isEmpty() && node.path(field).isString()) {
                    messages.add(node.path(field).stringValue());
                }
            }
            if (!messages.isEmpty()) {
                return cap(String.join(" ", messages));
            }
        } catch (JacksonException notJson) {
            // an HTML error page from a proxy or IIS: fall through and quote its text
        }
        return cap(body.strip());
    }

    private static HelpdeskException userNotFound(int status, String said) {
        return HelpdeskException.answered(Kind.AUTHENTICATION, withPsa(
                "Autotask does not know this API Username, so no zone was found for it. Enter the API user's "
                        + "generated key (Username (Key) on its Credentials section), not its display name.", said),
                status, said).titled("API user not found");
    }

    private static HelpdeskException unreachable(URI target, String where, Exception failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (target.getRawQuery() != null) {
            // zoneInformation's query string carries the user name, which is sealed everywhere else.
            reason = reason.replace(target.toString(), where).replace(target.getRawQuery(), "…");
        }
        return HelpdeskException.transport(Kind.TRANSIENT, "Horizon could not reach Autotask at " + where + " ("
                + reason + "). Horizon will try again; check the network if this persists.", failure)
                .titled("Helpdesk unreachable");
    }

    private static String withPsa(String message, String said) {
        return said == null ? message : message + " Autotask said: \"" + said + "\"";
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static String cap(String text) {
        return text.length() <= MAX_PSA_MESSAGE ? text : text.substring(0, MAX_PSA_MESSAGE) + "…";
    }
}
