package org.iopcompanion.core

import java.io.File

/** The real `companion-server` on a free loopback port, with its staff commands. */
internal class Server(private val process: Process, val url: String, private val data: File) {
    fun staff(vararg args: String): String {
        val bin = System.getProperty("companion.server.bin")
        val p = ProcessBuilder(listOf(bin) + args.toList() + listOf("--data", data.path))
            .redirectErrorStream(false)
            .start()
        val out = p.inputStream.bufferedReader().readText()
        val err = p.errorStream.bufferedReader().readText()
        check(p.waitFor() == 0) { "companion-server ${args.joinToString(" ")} failed: $err" }
        return out
    }

    /** The string fields of a staff command's `--json` answer (enough for ids and codes). */
    fun staffJson(vararg args: String): Map<String, String> {
        val text = staff(*args, "--json")
        return Regex("\"([a-z_]+)\"\\s*:\\s*\"([^\"]*)\"").findAll(text).associate { it.groupValues[1] to it.groupValues[2] }
    }

    fun stop() {
        process.destroy()
        process.waitFor()
    }

    companion object {
        fun start(data: File): Server {
            val bin = System.getProperty("companion.server.bin")
            check(File(bin).canExecute()) { "no $bin: build the workspace first" }
            val process = ProcessBuilder(bin, "serve", "--listen", "127.0.0.1:0", "--data", data.path)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start()
            val first = process.inputStream.bufferedReader().readLine() ?: error("the server did not start")
            val address = first.removePrefix("listening on ").trim()
            return Server(process, "http://$address", data)
        }
    }
}
