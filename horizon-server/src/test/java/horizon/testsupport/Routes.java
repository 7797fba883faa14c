package horizon.testsupport;

import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The routes the running application serves, read from Spring MVC, so tests cover pages added later by themselves. */
public final class Routes {

    private static final List<String> NOT_ACCOUNT_DATA = List.of("/error", "/login", "/setup", "/v3/", "/swagger-ui",
            "/actuator", "/hooks/");

    private Routes() {
    }

    /** Every GET path without path variables that serves account data (pages and API), sorted. */
    public static List<String> accountGetPaths(ApplicationContext context) {
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        return mapping.getHandlerMethods().keySet().stream()
                .filter(info -> {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    return methods.isEmpty() || methods.contains(RequestMethod.GET);
                })
                .flatMap(info -> info.getPatternValues().stream())
                .filter(path -> !path.contains("{") && !path.contains("*"))
                .filter(path -> NOT_ACCOUNT_DATA.stream().noneMatch(path::startsWith))
                .distinct()
                .sorted()
                .toList();
    }

    /** Whether the application serves GET on this exact path (e.g. to include a page once it exists). */
    public static boolean serves(ApplicationContext context, String path) {
        return accountGetPaths(context).contains(path);
    }
}
