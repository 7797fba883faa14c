package horizon.helpdesk.connectwise;

import horizon.helpdesk.BoundedExchange;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns each way ConnectWise answers "no" into a retriable or permanent {@link HelpdeskException} under a heading the
 * connection test shows as is ("Keys rejected", "clientId rejected", "Security role lacks …", "Company unknown",
 * "Site unreachable"), quoting ConnectWise's own {@code message}.
 *
 * <p>ConnectWise answers every credential fault with one 401; only a refused clientId says so in its body.
 */
final class ConnectWiseErrorClassifier {

    /** Which call failed: company info is unauthenticated, and its 404 means the company id is unknown. */
    enum Call { COMPANY_INFO, API }

    static final List<String> KEY_STEPS = List.of(
            "In ConnectWise, open System › Members › API Members and open the member Horizon uses.",
            "On its API Keys tab, check the key pair is listed; ConnectWise shows a private key only once, so if it "
                    + "is lost, add a new key (+) and copy both halves.",
            "Enter the Company ID you type when logging in to ConnectWise, the Public Key and the Private Key here, "
                    + "and click Test Connection again.");

    static final List<String> CLIENT_ID_STEPS = List.of(
            "Horizon's clientId is set by the Horizon operator, not in this form.",
            "Register Horizon at https://developer.connectwise.com/ClientID (or check that its clientId is still "
                    + "active there).",
            "Set horizon.connectwise.client-id to that clientId and restart Horizon, then test the connection again.");

    static final List<String> SECURITY_ROLE_STEPS = List.of(
            "In ConnectWise, open System › Security Roles and open the role of the API member Horizon uses (System "
                    + "› Members › API Members shows it).",
            "Give it at least Inquire level on: Service Desk › Service Tickets; Companies › Company Maintenance and "
                    + "Contacts; Time & Expense › Time Entry; System › Member Maintenance and Table Setup.",
            "Save the role and click Test Connection again; the API member's keys stay the same.");

    static final List<String> SITE_STEPS = List.of(
            "Choose your cloud site (North America, Europe, Australia or Staging) from the Site list; Horizon calls "
                    + "its api- host over https.",
            "For an on-premise server, choose On-premise and enter its host name; ConnectWise must be reachable "
                    + "over https.");

    /** The heading of a create refused because a matching record exists (a callback's {@code ObjectExists}). */
    static final String ALREADY_EXISTS = "Already exists";

    private static final int MAX_PSA_MESSAGE = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LACKS = Pattern.compile("lacks '([^']+)' \\(([^)]+)\\)");

    private ConnectWiseErrorClassifier() {
    }

    /** Classifies an HTTP answer that was not 2xx. */
    static HelpdeskException classify(Call call, int status, String body) {
        String said = psaMessage(body);
        String lower = said == null ? "" : said.toLowerCase(Locale.ROOT);
        String code = code(body).toLowerCase(Locale.ROOT);
        if (status == 401 && (code.equals("invalidclientid") || lower.contains("clientid"))) {
            return HelpdeskException.answered(Kind.AUTHENTICATION, withPsa("ConnectWise did not accept Horizon's "
                    + "clientId, which every call must carry. This is Horizon's own registration, not one of your "
                    + "keys.", said), status, said, CLIENT_ID_STEPS).titled("clientId rejected");
        }
        if (status == 401) {
            return HelpdeskException.answered(Kind.AUTHENTICATION, withPsa("ConnectWise did not accept the Company "
                    + "ID, Public Key and Private Key together (it does not say which part is wrong).", said),
                    status, said, KEY_STEPS).titled("Keys rejected");
        }
        if (status == 403 && (code.equals("security") || lower.contains("ssl is required"))) {
            return HelpdeskException.answered(Kind.VALIDATION, withPsa("ConnectWise answers its API only over https "
                    + "and, on a cloud site, only on its api- host.", said), status, said, SITE_STEPS)
                    .titled("Site address rejected");
        }
        if (status == 403) {
            return HelpdeskException.answered(Kind.PERMISSION, withPsa("The API member signed in, but its security "
                    + "role does not allow what Horizon reads.", said), status, said, SECURITY_ROLE_STEPS)
                    .titled(securityRoleTitle(said));
        }
        if (status == 404 && call == Call.COMPANY_INFO) {
            return companyUnknown(status, said);
        }
        if (status == 429) {
            return HelpdeskException.answered(Kind.RATE_LIMITED, withPsa("ConnectWise is limiting requests to this "
                    + "site right now (its limit is shared by every integration). Horizon will try again shortly.",
                    said), status, said);
        }
        if (status >= 500) {
            return HelpdeskException.answered(Kind.TRANSIENT, withPsa("ConnectWise answered with an error (HTTP "
                    + status + "). Horizon will try again.", said), status, said);
        }
        if (status >= 300 && status < 400) {
            return HelpdeskException.answered(Kind.VALIDATION, "ConnectWise answered with a redirect (HTTP " + status
                    + "), which Horizon does not follow: check the site address.", status, said, SITE_STEPS)
                    .titled("Site address rejected");
        }
        if (status == 400 && errorCodes(body).contains("objectexists")) {
            return HelpdeskException.answered(Kind.CONFLICT, withPsa("ConnectWise already holds a matching record.",
                    said), status, said).titled(ALREADY_EXISTS);
        }
        Kind kind = status == 404 ? Kind.NOT_FOUND : status == 409 ? Kind.CONFLICT : Kind.VALIDATION;
        return HelpdeskException.answered(kind, withPsa("ConnectWise rejected Horizon's request (HTTP " + status
                + ").", said), status, said);
    }

    /** Company info answered, but with nothing Horizon can build the API address from. */
    static HelpdeskException companyUnknown(int status, String said) {
        return HelpdeskException.answered(Kind.NOT_FOUND, withPsa("This ConnectWise site does not know the Company "
                + "ID. Enter the company id you type on ConnectWise's login page, and check the site.", said),
                status, said).titled("Company unknown");
    }

    /** Classifies a failure that left no complete HTTP answer: not reached, too slow, or too large. */
    static HelpdeskException classifyTransport(URI target, Exception failure, Duration timeout) {
        String where = target.getScheme() + "://" + target.getAuthority();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BoundedExchange.ResponseTooLarge tooLarge) {
                // the same request would get the same answer again: permanent, not retried
                return HelpdeskException.transport(Kind.VALIDATION, "ConnectWise at " + where + " sent an answer "
                        + "larger than " + size(tooLarge.limit()) + "; Horizon stopped reading it. Raise "
                        + "horizon.connectwise.max-response-bytes if such answers are expected.", failure)
                        .titled("Answer too large");
            }
            if (cause instanceof HttpTimeoutException) {
                return HelpdeskException.transport(Kind.TRANSIENT, "ConnectWise at " + where + " did not answer "
                        + "completely within " + seconds(timeout) + ". Horizon will try again.", failure)
                        .titled("Timed out");
            }
            if (cause instanceof SSLException) {
                return HelpdeskException.transport(Kind.TRANSIENT, "Horizon could not open a secure connection to "
                        + "ConnectWise at " + where + " (" + reason(failure) + "). Check that the host serves a "
                        + "valid certificate for its name.", failure).titled("Site unreachable");
            }
        }
        return HelpdeskException.transport(Kind.TRANSIENT, "Horizon could not reach ConnectWise at " + where + " ("
                + reason(failure) + "). Check the site or host; Horizon will try again.", failure)
                .titled("Site unreachable");
    }

    /** ConnectWise's own words: {@code message} and each {@code errors[].message}, else the body's text. */
    static String psaMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            List<String> messages = new ArrayList<>();
            if (node.path("message").isString()) {
                messages.add(node.path("message").stringValue());
            }
            for (JsonNode error : node.path("errors")) {
                String text = error.path("message").isString() ? error.path("message").stringValue() : null;
                if (text != null && !text.isBlank()) {
                    messages.add(text);
                }
            }
            if (!messages.isEmpty()) {
                return cap(String.join(" ", messages));
            }
        } catch (JacksonException notJson) {
            // an HTML error page from IIS or a proxy: quote its text
        }
        return cap(body.strip());
    }

    private static String code(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            return JSON.readTree(body).path("code").asString("");
        } catch (JacksonException notJson) {
            return "";
        }
    }

    /** The body's {@code code} and each {@code errors[].code}, lower case. */
    private static List<String> errorCodes(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(body);
            List<String> codes = new ArrayList<>();
            codes.add(node.path("code").asString("").toLowerCase(Locale.ROOT));
            for (JsonNode error : node.path("errors")) {
                codes.add(error.path("code").asString("").toLowerCase(Locale.ROOT));
            }
            return codes;
        } catch (JacksonException notJson) {
            return List.of();
        }
    }

    /** "Security role lacks Service Tickets (Service Desk)" when ConnectWise names the function, else generic. */
    private static String securityRoleTitle(String said) {
        Matcher lacks = said == null ? null : LACKS.matcher(said);
        if (lacks != null && lacks.find()) {
            return "Security role lacks " + lacks.group(1) + " (" + lacks.group(2) + ")";
        }
        return "Security role lacks a permission";
    }

    private static String reason(Exception failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String withPsa(String message, String said) {
        return said == null ? message : message + " ConnectWise said: \"" + said + "\"";
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static String cap(String text) {
        return text.length() <= MAX_PSA_MESSAGE ? text : text.substring(0, MAX_PSA_MESSAGE) + "…";
    }
}
