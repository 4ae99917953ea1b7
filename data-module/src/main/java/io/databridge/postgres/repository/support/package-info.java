/**
 * The repository factory bean, public so that applications can name or extend it in
 * {@code @EnablePgRepositories(repositoryFactoryBeanClass = ...)}.
 */
@NullMarked
package io.databridge.postgres.repository.support;

import org.jspecify.annotations.NullMarked;
