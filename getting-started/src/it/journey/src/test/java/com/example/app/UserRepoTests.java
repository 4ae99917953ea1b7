package com.example.app;

import java.util.List;

import io.databridge.postgres.test.autoconfigure.DataPgTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@DataPgTest                               // DataSource, Flyway, PgTemplate and repositories; rolled back after each test
class UserRepoTests {
  @Autowired UserRepo users;

  @Test
  void savesAndReadsTheJsonbProfile() {
    User grace = users.save(User.newUser("Grace", "grace@example.com", new User.Profile("Arlington", "en")));

    assertThat(users.findById(grace.id())).get()
        .extracting(User::profile).isEqualTo(new User.Profile("Arlington", "en"));
    assertThat(users.inCity("Arlington")).extracting(User::email).containsExactly("grace@example.com");
    assertThat(users.findByIdIn(List.of(grace.id()))).hasSize(1);
  }
}
