package horizon.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared request budget on one store: leases of several nodes racing, hand-backs, and when room comes again.
 * Subclassed once per store (H2, PostgreSQL).
 */
abstract class RequestBudgetsCases {

    private static final String KEY = "a".repeat(64);
    private static final RequestBudgets.Tenant HOURLY =
            new RequestBudgets.Tenant("autotask", KEY, Duration.ofMinutes(60), Duration.ofMinutes(1));
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:20Z");

    private DataSource database;

    /** A new, empty database of the store under test, migrated as a node starting on it migrates it. */
    abstract DataSource newDatabase();

    @BeforeEach
    void freshDatabase() {
        database = newDatabase();
    }

    @Test
    void eightThreadsOnTwoNodesLeasingAtOnceGetTheAllowanceAndNoMore() throws Exception {
        List<RequestBudgets> nodes = List.of(new RequestBudgets(database), new RequestBudgets(database));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> leasing = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                RequestBudgets node = nodes.get(thread % 2);
                leasing.add(pool.submit(() -> {
                    int granted = 0;
                    for (int i = 0; i < 40; i++) {
                        granted += node.lease(HOURLY, 100, 3, T0, null, 0).granted();
                    }
                    return granted;
                }));
            }
            int total = 0;
            for (Future<Integer> thread : leasing) {
                total += thread.get();
            }

            assertThat(total).isEqualTo(100);
            assertThat(nodes.get(1).counted(HOURLY, T0)).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHandBackMakesRoomAndAFullWindowSaysWhenTheOldestLeave() {
        RequestBudgets node = new RequestBudgets(database);
        RequestBudgets.Lease first = node.lease(HOURLY, 10, 8, T0, null, 0);
        assertThat(first.granted()).isEqualTo(8);
        assertThat(first.slotStart()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(first.validUntil()).isEqualTo(Instant.parse("2026-11-24T09:01:00Z"));

        // Five of the eight were not sent before the slot ended: they go back with the next lease.
        Instant later = T0.plus(Duration.ofMinutes(10));
        RequestBudgets.Lease second = node.lease(HOURLY, 10, 7, later, first.slotStart(), 5);
        assertThat(second.granted()).isEqualTo(7);
        assertThat(node.counted(HOURLY, later)).isEqualTo(10);

        RequestBudgets.Lease refused = node.lease(HOURLY, 10, 1, later, second.slotStart(), 0);
        assertThat(refused.granted()).isZero();
        // The first slot's 3 leave 61 minutes after it began (it may hold a request of its last second).
        assertThat(refused.roomAt()).isEqualTo(Instant.parse("2026-11-24T10:01:00Z"));
        assertThat(node.lease(HOURLY, 10, 5, refused.roomAt(), null, 0).granted()).isEqualTo(3);
    }
}
