package horizon.simulator.core.bench;

import horizon.simulator.core.DaemonThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * What the simulators' throughput benchmarks share: clients fetching pages in parallel for a given time, counted as
 * pages and records, and the CPU time the simulator's HTTP threads spent meanwhile, so the cost of serving a page is
 * known whatever else loads the machine.
 */
public final class PageThroughput {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private PageThroughput() {
    }

    /** One client's walk: fetches its next page and answers how many records it held. */
    @FunctionalInterface
    public interface Client {
        int nextPage() throws Exception;
    }

    /** What one run measured. */
    public record Result(int clients, long pages, long records, double seconds, long serverCpuNanos,
                         long clientCpuNanos) {
        public double pagesPerSecond() {
            return pages / seconds;
        }

        public double recordsPerSecond() {
            return records / seconds;
        }

        /** The simulator's HTTP threads' CPU time per page served, in milliseconds. */
        public double serverCpuMsPerPage() {
            return serverCpuNanos / 1e6 / pages;
        }

        /**
         * The CPU time of the clients' own threads per page, in milliseconds: all of a blocking client's work (HTTP and
         * reading the page), not that of an HTTP client which works on threads of its own.
         */
        public double clientCpuMsPerPage() {
            return clientCpuNanos / 1e6 / pages;
        }

        /** The pages per second one core would serve at that CPU cost: the simulator's ceiling when CPU-bound. */
        public double pagesPerCore() {
            return 1000 / serverCpuMsPerPage();
        }
    }

    /**
     * Runs {@code clients} clients in parallel, each made by {@code newClient} from its number (0 based) and asked
     * for pages until {@code seconds} have passed.
     *
     * @param serverThreads the name prefix of the simulator's HTTP threads, whose CPU time is measured (as is the
     *                      clients' own)
     */
    public static Result run(int clients, int seconds, String serverThreads, IntFunction<Client> newClient)
            throws Exception {
        String clientThreads = "bench-client-" + RUNS.incrementAndGet();
        AtomicLong pages = new AtomicLong();
        AtomicLong records = new AtomicLong();
        List<Client> walkers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            walkers.add(newClient.apply(c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients, DaemonThreads.named(clientThreads));
        try {
            long cpuBefore = threadCpuNanos(serverThreads);
            long clientCpuBefore = threadCpuNanos(clientThreads + "-");
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            List<Future<?>> running = new ArrayList<>();
            for (Client walker : walkers) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        records.addAndGet(walker.nextPage());
                        pages.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Result(clients, pages.get(), records.get(), elapsed, threadCpuNanos(serverThreads) - cpuBefore,
                    threadCpuNanos(clientThreads + "-") - clientCpuBefore);
        } finally {
            pool.shutdown();
        }
    }

    /** CPU time of the live threads whose names start with the prefix: what they cost, whatever else ran. */
    public static long threadCpuNanos(String namePrefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(namePrefix)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
