package dev.ablate.notebook;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's execution in this JVM, keeping the objects that snippets return and throw. JShell hands a front end only
 * the text of a value; this control runs each snippet on the calling thread (the kernel's), stores what it returns
 * under a key that JShell passes on as the value's "text", and remembers what it throws, so the kernel can display a
 * {@link dev.ablate.results.query.QueryResult} as a table and report an exception by its own class. Snippet classes
 * load in a child of the application class loader, so a cell and the kernel share the harness's classes and statics.
 */
final class ValueCapture extends DirectExecutionControl implements ExecutionControlProvider {

    private final Map<String, Object> values = new HashMap<>();
    private long next;
    private Throwable thrown;
    private volatile Thread running;

    @Override
    protected String invoke(Method doit) throws Exception {
        running = Thread.currentThread();
        try {
            Object value = doit.invoke(null);
            String key = "ablate-value-" + next++;
            values.put(key, value);
            return key;
        } finally {
            running = null;
        }
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        thrown = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /** The object a snippet returned, by the key JShell reported as its value; forgets it. */
    Object take(String key) {
        return values.remove(key);
    }

    /** What the last failed snippet threw, if it has not been taken yet; forgets it. */
    Optional<Throwable> takeThrown() {
        Optional<Throwable> t = Optional.ofNullable(thrown);
        thrown = null;
        return t;
    }

    /** Forgets values nobody took (declarations', earlier snippets'), so they can be collected. */
    void forget() {
        values.clear();
        thrown = null;
    }

    /** Interrupts the snippet running now, if any: code that waits or checks its interrupt flag stops. */
    void interrupt() {
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public String name() {
        return "ablate-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return this;
    }
}
