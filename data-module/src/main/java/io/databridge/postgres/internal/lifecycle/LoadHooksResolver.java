package io.databridge.postgres.internal.lifecycle;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

import io.databridge.postgres.mapping.event.AfterConvertCallback;
import io.databridge.postgres.mapping.event.AfterLoadEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.AbstractApplicationEventMulticaster;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Decides, per entity type, whether an application context has any after-convert callback
 * or {@link AfterLoadEvent} listener that can apply to it. Listeners are asked of
 * Spring's own multicaster (of the context and each ancestor, since events travel up), so
 * generic and {@code @EventListener} listeners are matched exactly as publication would
 * match them. When the answer cannot be had (another multicaster, a context that is not
 * configurable), it says "yes", and reads keep the full path.
 *
 * <p>
 * Decisions count only once the context has been refreshed (or was already running), and
 * each refresh forgets them.
 */
final class LoadHooksResolver implements ApplicationListener<ContextRefreshedEvent> {

	private static final @Nullable Method LISTENERS = listenersMethod();

	private static final Object PROBE = new Object();

	private final ApplicationContext context;

	private final Map<Class<?>, LoadHooks> decisions;

	private volatile boolean refreshed;

	LoadHooksResolver(ApplicationContext context, Map<Class<?>, LoadHooks> decisions) {
		this.context = context;
		this.decisions = decisions;
		this.refreshed = running(context);
	}

	private static boolean running(ApplicationContext context) {
		try {
			return context instanceof ConfigurableApplicationContext configurable && configurable.isActive()
					&& configurable.isRunning();
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private static @Nullable Method listenersMethod() {
		try {
			Method method = AbstractApplicationEventMulticaster.class.getDeclaredMethod("getApplicationListeners",
					ApplicationEvent.class, ResolvableType.class);
			method.setAccessible(true);
			return method;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// a Spring without it, or a module boundary: every read keeps the full path
			return null;
		}
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		this.decisions.clear();
		this.refreshed = true;
	}

	boolean isRefreshed() {
		return this.refreshed;
	}

	LoadHooks decide(Class<?> type) {
		return new LoadHooks(hasAfterConvertCallback(type), hasLoadListener(type));
	}

	private boolean hasAfterConvertCallback(Class<?> type) {
		try {
			for (String name : BeanFactoryUtils.beanNamesForTypeIncludingAncestors(this.context,
					AfterConvertCallback.class)) {
				Class<?> beanType = this.context.getType(name);
				Class<?> target = beanType == null ? null
						: ResolvableType.forClass(beanType).as(AfterConvertCallback.class).getGeneric(0).resolve();
				if (target == null || target.isAssignableFrom(type)) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private boolean hasLoadListener(Class<?> type) {
		Method listeners = LISTENERS;
		if (listeners == null) {
			return true;
		}
		ApplicationEvent event = new AfterLoadEvent(type, PROBE);
		ResolvableType eventType = ResolvableType.forClassWithGenerics(AfterLoadEvent.class, type);
		try {
			for (ApplicationContext c = this.context; c != null; c = c.getParent()) {
				if (!(c instanceof ConfigurableApplicationContext configurable)) {
					return true;
				}
				Object multicaster = configurable.getBeanFactory()
					.getSingleton(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME);
				if (!(multicaster instanceof AbstractApplicationEventMulticaster)
						|| !((Collection<?>) listeners.invoke(multicaster, event, eventType)).isEmpty()) {
					return true;
				}
			}
			return false;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return true;
		}
	}

}
