package horizon.helpdesk;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Horizon's widgets live inside one PSA's pages: how an agent signs in there, which web origins may frame them,
 * where the PSA shows a ticket, confirming a member the PSA hands over, and the steps an admin follows to embed them.
 * The widget feature ({@code horizon.widget}) knows only this; each adapter says it for its PSA.
 */
public interface HelpdeskWidgets {

    /** How a widget learns which agent is looking at it. */
    enum SignIn {
        /**
         * The PSA hands the signed-in member's identity to the widget's frame; Horizon's server confirms it with the PSA
         * ({@link #confirmMember}) before it shows anything.
         */
        PSA_MEMBER,
        /** The PSA passes no identity: the agent signs in to Horizon once in a first-party popup. */
        POPUP
    }

    SignIn signIn();

    /**
     * The origins ({@code scheme://host[:port]}, no path) the PSA's web pages are served from for this zone, as the
     * PSA reported it when the connection was tested: the only pages besides Horizon's own that may frame a widget.
     */
    List<String> webOrigins(HelpdeskZone zone);

    /** Where the PSA shows a ticket to a signed-in agent, for a widget's links out. */
    URI ticketLink(HelpdeskZone zone, long ticketId);

    /**
     * Confirms with the PSA that the fields its page handed over name the member signed in to it now, and returns that
     * member's helpdesk user id (the mirror's external id of the helpdesk user). Makes at most one request, through
     * the adapter's rate gate.
     *
     * @param handedOver the fields as the PSA's page gave them to the widget (untrusted until confirmed)
     * @throws HelpdeskException AUTHENTICATION when the PSA does not confirm them (forged, expired, another company);
     *                           another kind when the PSA could not be asked
     * @throws UnsupportedOperationException when {@link #signIn()} is not {@link SignIn#PSA_MEMBER}
     */
    long confirmMember(HelpdeskCredentials credentials, Map<String, String> handedOver);

    /**
     * The username (as the mirror's helpdesk user holds it) the fields a PSA's page handed over name, without asking
     * the PSA: a hint, to tell whether a member confirmed earlier is still the one signed in to the PSA's page. Empty
     * where the PSA hands over no member or the fields name none.
     */
    Optional<String> namedMember(Map<String, String> handedOver);

    /** The steps an admin follows in the PSA to embed both widgets, with Horizon's URLs filled in, ready to copy. */
    List<EmbedStep> embedSteps(WidgetUrls urls);

    /**
     * Horizon's widget addresses for one account, as the embed steps need them.
     *
     * @param calendar      the calendar widget's URL
     * @param ticketPrefix  the ticket widget's URL up to the ticket id: the PSA's ticket variable follows it
     * @param horizonOrigin Horizon's own origin, what a PSA must trust to post to
     */
    record WidgetUrls(String calendar, String ticketPrefix, String horizonOrigin) {

        /** The ticket widget's URL with {@code ticketVariable} (the PSA's placeholder) as its ticket. */
        public String ticket(String ticketVariable) {
            return ticketPrefix + ticketVariable;
        }
    }

    /**
     * One step of embedding, as Widget Status shows it.
     *
     * @param title  what the step does, e.g. "Calendar: HTML dashboard widget"
     * @param text   where to go in the PSA and what to do, in the PSA's words
     * @param fields the values to copy, each with the PSA's label for where it goes
     */
    record EmbedStep(String title, String text, List<Field> fields) {

        public EmbedStep {
            fields = List.copyOf(fields);
        }

        /** A value to copy into the PSA, labelled as the PSA labels its field. */
        public record Field(String label, String value) {
        }
    }
}
