/** The scripted demo: a manager, annotator and expert bots that drive a build through the same /api a remote client uses. */
package io.refinery.workers.demo;
