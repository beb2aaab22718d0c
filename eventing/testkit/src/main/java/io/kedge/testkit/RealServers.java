package io.kedge.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests real servers: declare an {@link InfluxServer} or
 * {@link MosquittoServer} parameter (constructor, lifecycle or test method). Each test class gets
 * its own fresh servers, started on first use and stopped, with their temp dirs deleted, after
 * the class.
 *
 * <pre>{@code
 * @ExtendWith(RealServers.class)
 * class StoreTest {
 *     @Test void stores(InfluxServer influx) { ... influx.rows("sensor_data", "SELECT * FROM rpi_dht11") ... }
 * }
 * }</pre>
 */
public class RealServers implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServers.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == InfluxServer.class || type == MosquittoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = classContext.getStore(NAMESPACE);
        Holder holder = store.getOrComputeIfAbsent(type, t -> new Holder(type == InfluxServer.class
                ? InfluxServer.start() : MosquittoServer.start(true)), Holder.class);
        return holder.server;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** Closes the server when JUnit closes the class's store. */
    private record Holder(ServerProcess server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
