package horizon.simulator.autotask.data;

import horizon.simulator.autotask.SimulatorControl;
import horizon.simulator.autotask.store.Picklists;
import horizon.simulator.autotask.store.PicklistValue;
import horizon.simulator.autotask.store.RuleViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Technicians at work: at a chosen rate it opens tickets, writes notes, changes statuses, reassigns and logs time,
 * through the control handle, so every change fires webhooks like one made in the Autotask UI.
 */
public final class ActivityGenerator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ActivityGenerator.class.getName());
    private static final String[] TITLES = {"User cannot print", "E-mail bounce from customer domain",
            "Laptop battery swelling", "Request: new starter next Monday", "MFA prompt loop", "Server CPU alert",
            "Café Wi-Fi guest network down", "Shared mailbox permissions"};
    private static final String[] NOTES = {"Looking into it now.", "Spoke with the user; rebooting fixed it.",
            "Waiting on the vendor's reply.", "Remote session: updated drivers & rebooted.", "Customer says \"thanks!\"",
            "Escalating to Level II.", "Scheduled for tomorrow morning."};

    private final Random random;
    private final AtomicLong actions = new AtomicLong();
    private SimulatorControl control;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;
    private double rate;

    public ActivityGenerator(long seed) {
        this.random = new Random(seed ^ 0xAC7L);
    }

    /** Connects the generator to the handle it acts through; done once by the simulator. */
    public void attach(SimulatorControl handle) {
        this.control = handle;
    }

    public synchronized void start(double actionsPerMinute) {
        stop();
        if (actionsPerMinute <= 0) {
            return;
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "autotask-sim-activity");
                t.setDaemon(true);
                return t;
            });
        }
        long periodMicros = Math.max(1_000L, Math.round(60_000_000.0 / actionsPerMinute));
        rate = actionsPerMinute;
        task = scheduler.scheduleAtFixedRate(this::safeStep, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        rate = 0;
    }

    public synchronized double rate() {
        return rate;
    }

    public long actions() {
        return actions.get();
    }

    @Override
    public synchronized void close() {
        stop();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void safeStep() {
        try {
            step();
            actions.incrementAndGet();
        } catch (RuleViolation e) {
            // a technician's attempt the rules refused (e.g. a reassignment to a resource without the role): skip it
            LOG.fine(() -> "activity step refused: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "activity step failed", e);
        }
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
