package horizon.helpdesk.connectwise;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.HelpdeskTicket;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opens the smoke test's ticket as the API member: {@code POST service/tickets} with the title as {@code summary}, the
 * description as {@code initialDescription} (ConnectWise makes it the first discussion note), the MSP's own company
 * and the first active service board; ConnectWise fills in the board's default status and the default priority.
 *
 * <p>The MSP's own company is the one named as company info names the tenant ({@code CompanyName}), so a test ticket
 * does not land on a client; failing that, the first active company.
 */
final class ConnectWiseTicketCreate {

    private final ConnectWiseApi api;

    ConnectWiseTicketCreate(ConnectWiseApi api) {
        this.api = api;
    }

    HelpdeskTicket send(HelpdeskCredentials credentials, String title, String description) {
        ObjectNode body = api.newObject();
        body.put("summary", ConnectWiseStoredText.of(title));
        body.put("initialDescription", ConnectWiseStoredText.of(description));
        body.putObject("company").put("id", company(credentials));
        body.putObject("board").put("id", board(credentials));
        return (HelpdeskTicket) ConnectWiseReader.map(ConnectWiseCollection.TICKETS,
                api.post(credentials, "service/tickets", body));
    }

    private long company(HelpdeskCredentials credentials) {
        String own = api.codebase(credentials).companyName();
        if (own != null && !own.isBlank() && own.indexOf('"') < 0) {
            Optional<Long> ours = firstActive(credentials, ConnectWiseConditions.where().is("deletedFlag", false)
                    .equalsText("name", own.strip()));
            if (ours.isPresent()) {
                return ours.get();
            }
        }
        return firstActive(credentials, ConnectWiseConditions.where().is("deletedFlag", false))
                .orElseThrow(() -> HelpdeskException.answered(Kind.NOT_FOUND, "ConnectWise has no active company to "
                        + "open a test ticket for.", 200, null));
    }

    /** The lowest id of an active company (as {@link ConnectWiseRecords#company} judges it) matching the conditions. */
    private Optional<Long> firstActive(HelpdeskCredentials credentials, ConnectWiseConditions conditions) {
        long after = 0;
        while (true) {
            List<JsonNode> page = api.forwardPage(credentials, "company/companies", conditions, null, after,
                    ConnectWiseApi.MAX_PAGE);
            for (JsonNode item : page) {
                if (ConnectWiseRecords.company(item).active()) {
                    return Optional.of(item.path("id").asLong());
                }
            }
            if (page.size() < ConnectWiseApi.MAX_PAGE) {
                return Optional.empty();
            }
            after = page.get(page.size() - 1).path("id").asLong();
        }
    }

    private long board(HelpdeskCredentials credentials) {
        List<JsonNode> boards = api.forwardPage(credentials, "service/boards", ConnectWiseConditions.where()
                .is("inactiveFlag", false).is("projectFlag", false), null, 0, 1);
        if (boards.isEmpty()) {
            throw HelpdeskException.answered(Kind.NOT_FOUND, "ConnectWise has no active service board to open a test "
                    + "ticket on.", 200, null);
        }
        return boards.get(0).path("id").asLong();
    }
}
