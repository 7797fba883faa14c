package horizon.simulator;

import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.autotask.Zone;
import horizon.simulator.connectwise.ApiMember;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line entry: {@code java -jar psa-simulator.jar autotask --port 9800 --seed 42} or
 * {@code java -jar psa-simulator.jar connectwise --port 9900 --seed 42}.
 */
public final class SimulatorMain {
    static final String USAGE = """
            usage: java -jar psa-simulator.jar autotask|connectwise [options]
            autotask options:
              --port N                 port of the first zone (next zones use N+1, ...); 0 = free ports (default 9800)
              --bind ADDRESS           listen address (default 127.0.0.1)
              --seed N                 seed of the generated MSP, picklist codes and credentials (default 42)
              --zones a,b              zone host names; the database lives in the last (default webservices2,webservices14)
              --tickets N              tickets to generate (default 3000)
              --companies N            client companies (default 40)
              --contacts N             contacts (default 400)
              --latency-ms N           latency added to every API request (default 0)
              --budget N               hourly request budget (default 10000)
              --thread-limit N         concurrent requests per integration code and endpoint (default 3)
              --activity-per-minute N  technician actions per minute (default 0 = off)
              --time-scale X           multiplies webhook retry/timeout delays (default 1.0)
            connectwise options:
              --port N                 port of the site (default 9900); 0 = a free port
              --bind ADDRESS           listen address (default 127.0.0.1)
              --seed N                 seed of the generated MSP and the keys (default 42)
              --tickets N / --companies N / --contacts N / --members N   size of the MSP (3000 / 40 / 400 / 12)
              --latency-ms N           latency added to every API request (default 0)
              --requests-per-minute N  requests per rolling minute before 429 with Retry-After (default 1000)
              --activity-per-minute N  technician actions per minute (default 0 = off)
              --time-scale X           multiplies callback timeout, retry and disablement delays (default 1.0)
            """;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AutoCloseable simulator;
        try {
            simulator = args.length > 0 && args[0].equals("connectwise")
                    ? startConnectWise(args, System.out) : start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (Exception e) {
                System.err.println("simulator did not close cleanly: " + e);
            }
        }, "simulator-shutdown"));
        new CountDownLatch(1).await();
    }

    /** Parses the arguments, starts the simulator and prints how to reach it; for main and for tests. */
    public static AutotaskSimulator start(String[] args, PrintStream out) {
        if (args.length == 0 || !args[0].equals("autotask")) {
            throw new IllegalArgumentException("the first argument must be the PSA to simulate: autotask or connectwise");
        }
        long started = System.nanoTime();
        SimulatorOptions options = SimulatorOptions.defaults().withBasePort(9800);
        SimulatorOptions.MspSize size = options.size();
        String bind = options.bindAddress();
        List<String> zones = options.zones();
        int threadLimit = options.threadLimit();
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i += 2) {
            String flag = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = rest.get(i + 1);
            try {
                switch (flag) {
                    case "--port" -> options = options.withBasePort(Integer.parseInt(value));
                    case "--bind" -> bind = value;
                    case "--seed" -> options = options.withSeed(Long.parseLong(value));
                    case "--zones" -> zones = List.of(value.split(","));
                    case "--tickets" -> size = new SimulatorOptions.MspSize(size.companies(), size.contacts(),
                            size.resources(), Integer.parseInt(value), size.monthsOfHistory());
                    case "--companies" -> size = new SimulatorOptions.MspSize(Integer.parseInt(value), size.contacts(),
                            size.resources(), size.tickets(), size.monthsOfHistory());
                    case "--contacts" -> size = new SimulatorOptions.MspSize(size.companies(), Integer.parseInt(value),
                            size.resources(), size.tickets(), size.monthsOfHistory());
                    case "--latency-ms" -> options = options.withLatency(Duration.ofMillis(Long.parseLong(value)));
                    case "--budget" -> options = options.withHourlyBudget(Integer.parseInt(value));
                    case "--thread-limit" -> threadLimit = Integer.parseInt(value);
                    case "--activity-per-minute" -> options = options.withActivityPerMinute(Double.parseDouble(value));
                    case "--time-scale" -> options = options.withTimeScale(Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + flag + ": " + value);
            }
        }
        options = new SimulatorOptions(bind, options.basePort(), options.seed(), zones, size, options.hourlyBudget(),
                threadLimit, options.latency(), options.timeScale(), options.activityPerMinute()).withSize(size);
        AutotaskSimulator simulator = AutotaskSimulator.start(options);
        long millis = (System.nanoTime() - started) / 1_000_000;
        ApiUser user = simulator.apiUser();
        out.println("Autotask simulator started in " + millis + " ms (seed " + options.seed() + ", "
                + size.tickets() + " tickets)");
        for (Zone zone : simulator.zones()) {
            out.println("  zone " + zone.name() + (zone.name().equals(user.zoneName()) ? " (database)" : "")
                    + ": " + zone.apiUrl() + "  web " + zone.webUrl());
        }
        out.println("  control API: " + simulator.controlUrl());
        out.println("  web pages:   " + simulator.webUrl() + "Mvc/Dashboard?resource={resourceId}, " + simulator.webUrl()
                + "Mvc/ServiceDesk/TicketDetail?ticketId={ticketId}&resource={resourceId}");
        out.println("API user");
        out.println("  username:         " + user.userName());
        out.println("  secret:           " + user.secret());
        out.println("  integration code: " + user.integrationCode());
        out.println("Try:");
        out.println("  curl -s -H 'ApiIntegrationCode: " + user.integrationCode() + "' -H 'UserName: " + user.userName()
                + "' -H 'Secret: " + user.secret() + "' '" + user.zoneApiUrl()
                + "V1.0/Tickets/query?search=%7B%22filter%22%3A%5B%7B%22op%22%3A%22exist%22%2C%22field%22%3A%22id%22%7D%5D%2C%22MaxRecords%22%3A5%7D'");
        out.flush();
        return simulator;
    }

    /** Parses the arguments, starts a ConnectWise simulator and prints how to reach it; for main and for tests. */
    public static ConnectWiseSimulator startConnectWise(String[] args, PrintStream out) {
        if (args.length == 0 || !args[0].equals("connectwise")) {
            throw new IllegalArgumentException("the first argument must be the PSA to simulate: autotask or connectwise");
        }
        long started = System.nanoTime();
        ConnectWiseOptions options = ConnectWiseOptions.defaults().withPort(9900);
        ConnectWiseOptions.MspSize size = options.size();
        for (int i = 1; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[i + 1];
            try {
                switch (flag) {
                    case "--port" -> options = options.withPort(Integer.parseInt(value));
                    case "--bind" -> options = options.withBindAddress(value);
                    case "--seed" -> options = options.withSeed(Long.parseLong(value));
                    case "--tickets" -> size = new ConnectWiseOptions.MspSize(size.companies(), size.contacts(),
                            size.members(), Integer.parseInt(value), size.monthsOfHistory());
                    case "--companies" -> size = new ConnectWiseOptions.MspSize(Integer.parseInt(value), size.contacts(),
                            size.members(), size.tickets(), size.monthsOfHistory());
                    case "--contacts" -> size = new ConnectWiseOptions.MspSize(size.companies(), Integer.parseInt(value),
                            size.members(), size.tickets(), size.monthsOfHistory());
                    case "--members" -> size = new ConnectWiseOptions.MspSize(size.companies(), size.contacts(),
                            Integer.parseInt(value), size.tickets(), size.monthsOfHistory());
                    case "--latency-ms" -> options = options.withLatency(Duration.ofMillis(Long.parseLong(value)));
                    case "--requests-per-minute" -> options = options.withRequestsPerMinute(Integer.parseInt(value));
                    case "--activity-per-minute" -> options = options.withActivityPerMinute(Double.parseDouble(value));
                    case "--time-scale" -> options = options.withTimeScale(Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + flag + ": " + value);
            }
        }
        ConnectWiseSimulator simulator = ConnectWiseSimulator.start(options.withSize(size));
        long millis = (System.nanoTime() - started) / 1_000_000;
        ApiMember member = simulator.apiMember();
        out.println("ConnectWise simulator started in " + millis + " ms (seed " + options.seed() + ", "
                + size.tickets() + " tickets)");
        out.println("  site:        " + simulator.siteUrl());
        out.println("  API:         " + simulator.apiUrl());
        out.println("  control API: " + simulator.controlUrl());
        out.println("  screens:     " + simulator.siteUrl() + "hosted/tickets/{ticketId}?member={memberIdentifier}, "
                + simulator.siteUrl() + "hosted/menu/{setupId}?member={memberIdentifier}");
        out.println("API member " + member.memberIdentifier());
        out.println("  company id:  " + member.companyId());
        out.println("  public key:  " + member.publicKey());
        out.println("  private key: " + member.privateKey());
        out.println("  clientId:    " + simulator.clientId());
        out.println("Try:");
        out.println("  curl -s -u '" + member.companyId() + "+" + member.publicKey() + ":" + member.privateKey()
                + "' -H 'clientId: " + simulator.clientId() + "' '" + simulator.apiUrl()
                + "service/tickets?pageSize=5&orderBy=id%20desc&fields=id,summary,status/name'");
        out.flush();
        return simulator;
    }
}
