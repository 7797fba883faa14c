package horizon;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Horizon's Spring Boot entry point. */
@SpringBootApplication
public class HorizonApplication {

    public static void main(String[] args) {
        commonPoolOfAtLeastTwo();
        SpringApplication.run(HorizonApplication.class, args);
    }

    /**
     * On two cores the common pool has one thread, and CompletableFuture then starts a new thread for every async
     * step: the JDK's HTTP client, which Horizon reads the PSAs with, would start one per response. Unless set
     * otherwise, the pool gets at least two.
     */
    public static void commonPoolOfAtLeastTwo() {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(property) == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors() - 1);
            System.setProperty(property, Integer.toString(threads));
        }
    }

    /** The one clock every feature reads time from, so tests can control it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
