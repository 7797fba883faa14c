package horizon.simulator.connectwise.data;

import horizon.simulator.connectwise.ConnectWiseControl;
import horizon.simulator.connectwise.store.Kind;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.node.ObjectNode;

/**
 * One technician action of the activity generator, with the mix a service desk shows: 20 % new tickets (owned by the
 * technician), 30 % notes, 15 % status changes, 10 % reassignments, 20 % time entries, 5 % contact updates, mostly on
 * the newest 300 tickets. Every action goes through the control handle, so it calls back like a change in the UI.
 */
public final class CwActivity {
    private static final String[] SUMMARIES = {"User cannot print", "E-mail bounce from customer domain",
            "Laptop battery swelling", "Request: new starter next Monday", "MFA prompt loop", "Server CPU alert",
            "Café Wi-Fi guest network down", "Shared mailbox permissions"};
    private static final String[] NOTES = {"Looking into it now.", "Spoke with the user; rebooting fixed it.",
            "Waiting on the vendor's reply.", "Remote session: updated drivers & rebooted.", "Customer says \"thanks!\"",
            "Escalating to Level II.", "Scheduled for tomorrow morning."};

    private final Random random;
    private ConnectWiseControl control;

    public CwActivity(long seed) {
        this.random = new Random(seed ^ 0xAC7L);
    }

    public void attach(ConnectWiseControl handle) {
        this.control = handle;
    }

    public void step() {
        List<Long> techs = control.technicians();
        long tech = techs.get(random.nextInt(techs.size()));
        ConnectWiseControl as = control.as(tech);
        double roll = random.nextDouble();
        if (roll < 0.2) {
            long id = as.createTicket(Map.of("summary", SUMMARIES[random.nextInt(SUMMARIES.length)]));
            as.assign(id, tech);
            return;
        }
        Long ticketId = control.randomId(Kind.TICKETS, random, 300).orElse(null);
        if (ticketId == null) {
            return;
        }
        ObjectNode ticket = control.get(Kind.TICKETS, ticketId).orElseThrow();
        if (roll < 0.5) {
            as.addNote(ticketId, NOTES[random.nextInt(NOTES.length)], random.nextInt(3) == 0);
        } else if (roll < 0.65) {
            long board = ticket.get("board").get("id").asLong();
            List<ObjectNode> statuses = control.records(Kind.BOARD_STATUSES).stream()
                    .filter(s -> s.get("board").get("id").asLong() == board && !s.path("inactive").asBoolean()).toList();
            as.changeStatus(ticketId, statuses.get(random.nextInt(statuses.size())).get("id").asLong());
        } else if (roll < 0.75) {
            as.assign(ticketId, tech);
        } else if (roll < 0.95) {
            as.addTimeEntry(ticketId, tech, (1 + random.nextInt(8)) * 0.25, "Worked on the issue");
        } else {
            control.randomId(Kind.CONTACTS, random, 0).ifPresent(id -> as.update(Kind.CONTACTS, id,
                    Map.of("title", List.of("Office Manager", "IT Contact", "Director").get(random.nextInt(3)))));
        }
    }
}
