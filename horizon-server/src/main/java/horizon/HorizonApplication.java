package horizon;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Horizon's Spring Boot entry point. */
@SpringBootApplication
public class HorizonApplication {

    public static void main(String[] args) {
        SpringApplication.run(HorizonApplication.class, args);
    }

    /** The one clock every feature reads time from, so tests can control it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
