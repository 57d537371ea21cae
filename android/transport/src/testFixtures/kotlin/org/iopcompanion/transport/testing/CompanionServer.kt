package org.iopcompanion.transport.testing

import java.io.File

/**
 * The real `companion-server` on a free loopback port (plain HTTP, which the core allows to
 * loopback only), with its staff commands. The binary is the system property
 * `companion.server.bin`, which the test builds set.
 */
class CompanionServer private constructor(private val process: Process, val url: String, private val data: File) : AutoCloseable {
    /** host:port, for proxies in front of it. */
    val address: String get() = url.removePrefix("http://")

    fun staff(vararg args: String): String {
        val p = ProcessBuilder(listOf(bin()) + args.toList() + listOf("--data", data.path)).start()
        val out = p.inputStream.bufferedReader().readText()
        val err = p.errorStream.bufferedReader().readText()
        check(p.waitFor() == 0) { "companion-server ${args.joinToString(" ")} failed: $err" }
        return out
    }

    /** The string fields of a staff command's `--json` answer (enough for ids and codes). */
    fun staffJson(vararg args: String): Map<String, String> {
        val text = staff(*args, "--json")
        return Regex("\"([a-z_]+)\"\\s*:\\s*\"([^\"]*)\"").findAll(text)
            .associate { it.groupValues[1] to it.groupValues[2] }
    }

    /** A program (with one weekly session when [session] gives its flags) and an invitation code. */
    fun programWithInvite(name: String, vararg session: String): String {
        val program = staffJson("program", "create", "--name", name).getValue("program_id")
        if (session.isNotEmpty()) staff("program", "session", "add", "--program", program, *session)
        return staffJson("invite", "create", "--program", program).getValue("code")
    }

    fun stop() {
        process.destroy()
        process.waitFor()
    }

    override fun close() = stop()

    companion object {
        private fun bin(): String = System.getProperty("companion.server.bin")

        fun start(data: File): CompanionServer {
            check(File(bin()).canExecute()) { "no ${bin()}: build the workspace first" }
            val process = ProcessBuilder(bin(), "serve", "--listen", "127.0.0.1:0", "--data", data.path)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start()
            val first = process.inputStream.bufferedReader().readLine() ?: error("the server did not start")
            return CompanionServer(process, "http://" + first.removePrefix("listening on ").trim(), data)
        }
    }
}
