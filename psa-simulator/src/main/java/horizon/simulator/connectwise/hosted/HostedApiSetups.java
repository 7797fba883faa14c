package horizon.simulator.connectwise.hosted;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The site's Manage Hosted API setup records, by id; ids count up from 1 and are not reused. */
public final class HostedApiSetups {
    private final ConcurrentSkipListMap<Long, HostedApiSetup> setups = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Adds a record; the fields are checked as {@link HostedApiSetup} says, and a refused one takes no id. */
    public HostedApiSetup add(String description, HostedApiSetup.Screen screen, String url, String origin,
                              int podHeight) {
        // checked before an id is taken, so a refused record leaves no gap
        new HostedApiSetup(0, description, screen, url, origin, podHeight);
        HostedApiSetup setup = new HostedApiSetup(nextId.getAndIncrement(), description, screen, url, origin, podHeight);
        setups.put(setup.id(), setup);
        return setup;
    }

    public Optional<HostedApiSetup> get(long id) {
        return Optional.ofNullable(setups.get(id));
    }

    /** Every record, by id. */
    public List<HostedApiSetup> all() {
        return List.copyOf(setups.values());
    }

    /** The records framed on one screen, by id (the order their pods appear in). */
    public List<HostedApiSetup> on(HostedApiSetup.Screen screen) {
        return setups.values().stream().filter(s -> s.screen() == screen).toList();
    }

    /** Removes a record; false when there was none. */
    public boolean delete(long id) {
        return setups.remove(id) != null;
    }
}
