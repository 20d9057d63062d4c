/** Cross-cutting UI configuration: the browser-session security chain next to the engine's API chain. */
package io.refinery.designer.system;
