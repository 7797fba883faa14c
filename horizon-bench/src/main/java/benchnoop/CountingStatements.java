package benchnoop;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements Horizon sends to its store, for the {@code tenants} bench: Horizon's {@link DataSource}
 * bean is wrapped so every statement run on a connection it hands out is counted, whoever runs it (Horizon's
 * repositories, db-scheduler, Flyway). One {@code execute*} call is one statement (an {@code executeBatch} counts once,
 * as one round trip); commits and rollbacks are counted apart. Added to the bench's Spring context as an extra source,
 * outside package {@code horizon} so Horizon's component scan never sees it. The bench's own look-ups go through
 * {@link #uncounted()}, the pool itself, and are not counted.
 */
public final class CountingStatements implements BeanPostProcessor {

    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static final AtomicLong COMMITS = new AtomicLong();
    private static final Map<String, AtomicLong> BY_SQL = new ConcurrentHashMap<>();
    private static volatile DataSource pool;

    /** Statements run so far by SQL text (prepared statements; a plain statement's SQL as run), whitespace folded. */
    public static Map<String, Long> bySql() {
        Map<String, Long> counts = new java.util.HashMap<>();
        BY_SQL.forEach((sql, count) -> counts.put(sql, count.get()));
        return counts;
    }

    /** Statements run so far. */
    public static long statements() {
        return STATEMENTS.get();
    }

    /** Commits and rollbacks so far. */
    public static long commits() {
        return COMMITS.get();
    }

    /** Horizon's pool without the counting, for the bench's own queries. */
    public static DataSource uncounted() {
        return pool;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
            pool = dataSource;
            return new Counting(dataSource);
        }
        return bean;
    }

    private static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }
    }

    private static Connection connection(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                COMMITS.incrementAndGet();
            }
            Object result = invoke(target, method, args);
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            if (result instanceof CallableStatement call) {
                return statement(call, CallableStatement.class, sql);
            }
            if (result instanceof PreparedStatement prepared) {
                return statement(prepared, PreparedStatement.class, sql);
            }
            if (result instanceof Statement statement) {
                return statement(statement, Statement.class, null);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(CountingStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static <T extends Statement> T statement(T target, Class<T> type, String prepared) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                STATEMENTS.incrementAndGet();
                String sql = prepared != null ? prepared
                        : args != null && args.length > 0 && args[0] instanceof String text ? text : "(batch)";
                BY_SQL.computeIfAbsent(sql.replaceAll("\\s+", " ").strip(), key -> new AtomicLong()).incrementAndGet();
            }
            return invoke(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(CountingStatements.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
