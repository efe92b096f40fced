package dev.ablate.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension for tests that open pages: each test is skipped without the browser ({@link
 * HeadlessChromium#assumeAvailable()}, a failure under {@code CI=true}), and a test method's {@link HeadlessChromium}
 * parameter is one browser per test class, launched on first use and closed after the class.
 */
public final class Chromium implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

    /** The browser held in a test class's store, closed by JUnit when the class is done. */
    private record Session(HeadlessChromium browser) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            browser.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        HeadlessChromium.assumeAvailable();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HeadlessChromium.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context.getParent().orElse(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Session.class,
                k -> new Session(HeadlessChromium.launch()), Session.class).browser();
    }
}
