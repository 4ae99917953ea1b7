package io.databridge.postgres.internal.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.databridge.postgres.mapping.event.AfterConvertCallback;
import io.databridge.postgres.mapping.event.AfterLoadEvent;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/** Load hooks decided once per entity type from the application context. */
class EntityLifecycleTests {

	record Heard(String name) {
	}

	record Converted(String name) {
	}

	record Unheard(String name) {
	}

	static final class Listener {

		final List<Object> loaded = new CopyOnWriteArrayList<>();

		@EventListener
		void on(AfterLoadEvent<Heard> event) {
			this.loaded.add(event.getEntity());
		}

	}

	static final class Upper implements AfterConvertCallback<Converted> {

		@Override
		public Converted onAfterConvert(Converted entity) {
			return new Converted(entity.name().toUpperCase(java.util.Locale.ROOT));
		}

	}

	private static AnnotationConfigApplicationContext context(Class<?>... beans) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		for (Class<?> bean : beans) {
			context.registerBean(bean);
		}
		return context;
	}

	@Test
	void shouldRunNoHookForATypeNobodyListensTo() {
		try (AnnotationConfigApplicationContext context = context(Listener.class, Upper.class)) {
			EntityLifecycle lifecycle = new EntityLifecycle();
			lifecycle.setApplicationContext(context);
			context.refresh();
			List<Unheard> rows = List.of(new Unheard("a"));
			assertThat(lifecycle.loadHooks(Unheard.class)).isEqualTo(new LoadHooks(false, false));
			assertThat(lifecycle.afterLoad(Unheard.class, rows)).isSameAs(rows);
			assertThat(context.getBean(Listener.class).loaded).isEmpty();
		}
	}

	@Test
	void shouldPublishLoadEventsToAListenerOfTheType() {
		try (AnnotationConfigApplicationContext context = context(Listener.class)) {
			EntityLifecycle lifecycle = new EntityLifecycle();
			lifecycle.setApplicationContext(context);
			context.refresh();
			assertThat(lifecycle.loadHooks(Heard.class)).isEqualTo(new LoadHooks(false, true));
			lifecycle.afterLoad(Heard.class, List.of(new Heard("a"), new Heard("b")));
			assertThat(context.getBean(Listener.class).loaded).containsExactly(new Heard("a"), new Heard("b"));
		}
	}

	@Test
	void shouldRunAfterConvertCallbacksOfTheType() {
		try (AnnotationConfigApplicationContext context = context(Upper.class)) {
			EntityLifecycle lifecycle = new EntityLifecycle();
			lifecycle.setApplicationContext(context);
			context.refresh();
			assertThat(lifecycle.loadHooks(Converted.class)).isEqualTo(new LoadHooks(true, false));
			assertThat(lifecycle.afterLoad(Converted.class, List.of(new Converted("a"))))
				.containsExactly(new Converted("A"));
		}
	}

	@Test
	void shouldKeepTheFullPathBeforeTheContextIsRefreshed() {
		try (AnnotationConfigApplicationContext context = context(Listener.class)) {
			EntityLifecycle lifecycle = new EntityLifecycle();
			lifecycle.setApplicationContext(context);
			assertThat(lifecycle.loadHooks(Unheard.class)).isEqualTo(new LoadHooks(true, true));
		}
	}

	@Test
	void shouldDecideWhenTheTemplateIsCreatedAfterTheRefresh() {
		try (AnnotationConfigApplicationContext context = context(Listener.class)) {
			context.refresh();
			EntityLifecycle lifecycle = new EntityLifecycle();
			lifecycle.setApplicationContext(context);
			assertThat(lifecycle.loadHooks(Unheard.class)).isEqualTo(new LoadHooks(false, false));
			assertThat(lifecycle.loadHooks(Heard.class)).isEqualTo(new LoadHooks(false, true));
		}
	}

	@Test
	void shouldSeeListenersOfAParentContext() {
		try (AnnotationConfigApplicationContext parent = context(Listener.class);
				AnnotationConfigApplicationContext child = context()) {
			parent.refresh();
			child.setParent(parent);
			EntityLifecycle lifecycle = new EntityLifecycle();
			lifecycle.setApplicationContext(child);
			child.refresh();
			assertThat(lifecycle.loadHooks(Heard.class).events()).isTrue();
			assertThat(lifecycle.loadHooks(Unheard.class).events()).isFalse();
		}
	}

	@Test
	void shouldRunEverythingSetWithoutAContext() {
		EntityLifecycle lifecycle = new EntityLifecycle();
		List<Object> published = new CopyOnWriteArrayList<>();
		lifecycle.setApplicationEventPublisher(published::add);
		lifecycle.afterLoad(Unheard.class, List.of(new Unheard("a")));
		assertThat(published).singleElement().isInstanceOf(AfterLoadEvent.class);
	}

}
