package com.example.app;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.repository.Modifying;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

public interface UserRepo extends PgRepository<User, Long> {
  List<User> findByAgeGreaterThanAndActiveTrueOrderByNameAsc(int age);
  Optional<User> findByEmailIgnoreCase(String email);
  Page<User> findByNameStartingWith(String prefix, Pageable page);     // %, _ and \ match literally
  List<User> findByIdIn(Collection<Long> ids);                         // one array parameter: = ANY(?)
  Window<User> findFirst50ByActiveTrue(ScrollPosition position, Sort sort);   // keyset or offset
  Stream<User> streamByActiveTrue();                                   // server-side cursor: call it in a transaction
  <P> List<P> findByAge(int age, Class<P> projection);                 // dynamic projection
  long countByActiveFalse();
  @Query("select * from users where profile->>'city' = :city") List<User> inCity(String city);
  @Modifying @Query("update users set active = false where age > ?1") int deactivateOlderThan(int age);
  @BulkInsert long importUsers(Stream<User> users);                    // parallel binary COPY
}
