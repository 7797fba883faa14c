package horizon.simulator.autotask.http;

import java.util.List;

/** A group of REST routes the server dispatches to after authentication, limits and faults. */
public interface ApiEndpoint {

    /** Whether this endpoint serves the given path (segments after V1.0). */
    boolean handles(List<String> path);

    ApiResponse handle(ApiRequest request);
}
