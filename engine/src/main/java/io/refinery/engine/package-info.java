/** The Refinery engine: embedded Camunda 7, the dataset domain, the product API and security. */
package io.refinery.engine;
