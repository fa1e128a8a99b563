package io.github.bytezspring.docs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the documentation's Spring snippets: {@link Assistant} and the starter.
 */
@SpringBootApplication
class DocsApplication {

}
