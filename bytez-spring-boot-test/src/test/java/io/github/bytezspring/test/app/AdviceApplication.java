package io.github.bytezspring.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application under test that uses the Bytez starter as a user's application
 * would.
 */
@SpringBootApplication
class AdviceApplication {

}
