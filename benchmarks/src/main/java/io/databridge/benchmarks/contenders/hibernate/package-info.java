/**
 * The Hibernate ORM contender.
 */
@NullMarked
package io.databridge.benchmarks.contenders.hibernate;

import org.jspecify.annotations.NullMarked;
