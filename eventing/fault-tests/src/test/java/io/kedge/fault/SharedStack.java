package io.kedge.fault;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every fault test the same {@link FaultStack}: started on first use, once per test JVM
 * (starting five processes costs more than most faults), stopped when JUnit closes its root
 * store. Tests keep apart by device id. After each test whatever it left stopped is started
 * again, so one failure does not fail the tests after it.
 */
final class SharedStack implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Holder.class, type -> new Holder(new FaultStack()), Holder.class)
                .stack();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Holder holder = context.getRoot().getStore(NAMESPACE).get(Holder.class, Holder.class);
        if (holder != null) {
            holder.stack().heal();
        }
    }

    /** Closes the stack when JUnit closes the root store, at the end of the run. */
    private record Holder(FaultStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
