/** People: administrators list, create, edit, disable, delete users, reset passwords and set role groups ({@code /api/admin}). */
package io.refinery.engine.people;
