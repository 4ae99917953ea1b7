package io.databridge.sample;

/**
 * The body of {@code POST /users}.
 *
 * @param name the display name
 * @param email the e-mail address
 * @param age the age in years
 */
public record NewUser(String name, String email, int age) {
}
