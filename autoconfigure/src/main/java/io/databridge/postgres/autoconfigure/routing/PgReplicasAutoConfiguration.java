package io.databridge.postgres.autoconfigure.routing;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import io.databridge.postgres.routing.ReadRoutingDataSource;
import io.databridge.postgres.routing.RoutingListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Read replicas: when {@code databridge.pg.replicas.urls} names at least one replica,
 * Boot's {@code dataSource} bean is wrapped in a {@link ReadRoutingDataSource} with one
 * HikariCP pool per replica, so the transaction manager, {@code JdbcTemplate}, Flyway and
 * data-bridge all use it: read-only work goes to replicas, everything else to the
 * primary. The replicas are probed at start-up, and a warning names each unreachable one
 * and each that is not a standby. Without replicas nothing is wrapped. A unique
 * {@link RoutingListener} bean is told of every routing decision.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		beforeName = "io.databridge.postgres.autoconfigure.PgDataAutoConfiguration")
@ConditionalOnClass({ ReadRoutingDataSource.class, com.zaxxer.hikari.HikariDataSource.class })
@Conditional(PgReplicasAutoConfiguration.OnReplicasCondition.class)
@EnableConfigurationProperties(PgReplicasProperties.class)
public final class PgReplicasAutoConfiguration {

	/** The bean wrapped: the DataSource Boot defines. */
	static final String DATA_SOURCE_BEAN = "dataSource";

	@Bean
	static RoutingPostProcessor pgReplicaRoutingPostProcessor(Environment environment) {
		return new RoutingPostProcessor(environment);
	}

	@Bean
	SmartInitializingSingleton pgRoutingListenerRegistrar(ObjectProvider<DataSource> dataSource,
			ObjectProvider<RoutingListener> listener) {
		return () -> listener.ifUnique(routingListener -> {
			DataSource candidate = dataSource.getIfUnique();
			try {
				if (candidate != null && candidate.isWrapperFor(ReadRoutingDataSource.class)) {
					candidate.unwrap(ReadRoutingDataSource.class).setRoutingListener(routingListener);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot reach the read-routing DataSource", ex);
			}
		});
	}

	/**
	 * Wraps Boot's DataSource once it is configured, and closes the wrapper (replica
	 * pools, probes and the primary) when the context closes.
	 */
	static final class RoutingPostProcessor implements DestructionAwareBeanPostProcessor {

		private final Environment environment;

		private volatile @Nullable ReadRoutingDataSource wrapper;

		RoutingPostProcessor(Environment environment) {
			this.environment = environment;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!DATA_SOURCE_BEAN.equals(beanName) || !(bean instanceof DataSource primary)
					|| bean instanceof ReadRoutingDataSource) {
				return bean;
			}
			Binder binder = Binder.get(this.environment);
			PgReplicasProperties properties = binder
				.bind("databridge.pg.replicas", Bindable.ofInstance(new PgReplicasProperties()))
				.orElseGet(PgReplicasProperties::new);
			ReadRoutingDataSource routing = ReplicaDataSources.routing(primary, properties, binder);
			routing.start();
			this.wrapper = routing;
			return routing;
		}

		// Spring destroys the bean it created, not what a post-processor returned for it
		@Override
		public boolean requiresDestruction(Object bean) {
			ReadRoutingDataSource routing = this.wrapper;
			return routing != null && routing.getPrimary() == bean;
		}

		@Override
		public void postProcessBeforeDestruction(Object bean, String beanName) {
			ReadRoutingDataSource routing = this.wrapper;
			if (routing != null && routing.getPrimary() == bean) {
				routing.close();
			}
		}

	}

	/** Matches when {@code databridge.pg.replicas.urls} has at least one entry. */
	static final class OnReplicasCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<String> urls = Binder.get(context.getEnvironment())
				.bind("databridge.pg.replicas.urls", Bindable.listOf(String.class))
				.orElse(List.of());
			return urls.isEmpty() ? ConditionOutcome.noMatch("no databridge.pg.replicas.urls")
					: ConditionOutcome.match("databridge.pg.replicas.urls names " + urls.size() + " replica(s)");
		}

	}

}
