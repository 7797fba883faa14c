package horizon.simulator.autotask.data;

import horizon.simulator.autotask.SimulatorControl;
import horizon.simulator.autotask.store.Picklists;
import horizon.simulator.autotask.store.PicklistValue;
import horizon.simulator.autotask.store.RuleViolation;
import horizon.simulator.core.activity.ActivityLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Technicians at work: at a chosen rate it opens tickets, writes notes, changes statuses, reassigns and logs time,
 * through the control handle, so every change fires webhooks like one made in the Autotask UI.
 */
public final class ActivityGenerator implements AutoCloseable {
    private static final String[] TITLES = {"User cannot print", "E-mail bounce from customer domain",
            "Laptop battery swelling", "Request: new starter next Monday", "MFA prompt loop", "Server CPU alert",
            "Café Wi-Fi guest network down", "Shared mailbox permissions"};
    private static final String[] NOTES = {"Looking into it now.", "Spoke with the user; rebooting fixed it.",
            "Waiting on the vendor's reply.", "Remote session: updated drivers & rebooted.", "Customer says \"thanks!\"",
            "Escalating to Level II.", "Scheduled for tomorrow morning."};

    private final Random random;
    private final ActivityLoop loop;
    private SimulatorControl control;

    public ActivityGenerator(long seed) {
        this.random = new Random(seed ^ 0xAC7L);
        this.loop = new ActivityLoop("autotask-sim-activity", this::step, RuleViolation.class);
    }

    /** Connects the generator to the handle it acts through; done once by the simulator. */
    public void attach(SimulatorControl handle) {
        this.control = handle;
    }

    public void start(double actionsPerMinute) {
        loop.start(actionsPerMinute);
    }

    public void stop() {
        loop.stop();
    }

    public double rate() {
        return loop.rate();
    }

    public long actions() {
        return loop.actions();
    }

    @Override
    public void close() {
        loop.close();
    }

    /** One technician action, chosen at random with the mix a service desk shows. */
    void step() {
        List<Long> techs = control.technicians();
        long tech = techs.get(random.nextInt(techs.size()));
        double roll = random.nextDouble();
        if (roll < 0.2) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("title", TITLES[random.nextInt(TITLES.length)]);
            control.randomId("Companies", random, 0).filter(id -> id != 0).ifPresent(id -> fields.put("companyID", id));
            long id = control.as(tech).createTicket(fields);
            control.as(tech).reassign(id, tech);
            return;
        }
        Long ticket = control.randomId("Tickets", random, 300).orElse(null);
        if (ticket == null) {
            return;
        }
        if (roll < 0.5) {
            control.as(tech).addNote(ticket, "Update", NOTES[random.nextInt(NOTES.length)]);
        } else if (roll < 0.65) {
            List<PicklistValue> statuses = control.picklist("Tickets", "status").stream()
                    .filter(PicklistValue::isActive).toList();
            long status = random.nextInt(4) == 0 ? Picklists.STATUS_COMPLETE
                    : statuses.get(random.nextInt(statuses.size())).code();
            control.as(tech).changeStatus(ticket, status);
        } else if (roll < 0.75) {
            control.as(tech).reassign(ticket, tech);
        } else if (roll < 0.95) {
            control.as(tech).addTimeEntry(ticket, tech, (1 + random.nextInt(8)) * 0.25, "Worked on the issue");
        } else {
            control.randomId("Contacts", random, 0).ifPresent(id -> control.as(tech).update("Contacts", id,
                    Map.of("phone", String.format("(%03d) 555-%04d", 200 + random.nextInt(700), random.nextInt(10000)))));
        }
    }
}
