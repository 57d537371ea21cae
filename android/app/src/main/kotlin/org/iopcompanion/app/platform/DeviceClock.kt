package org.iopcompanion.app.platform

import java.time.Clock
import java.time.Instant
import java.time.ZoneId

/**
 * Now, in the phone's zone as it is at each call: the zone changes when the participant
 * travels (Android resets the default time zone on ACTION_TIMEZONE_CHANGED), so it is never
 * captured once.
 */
object DeviceClock : Clock() {
    override fun instant(): Instant = Instant.now()

    override fun getZone(): ZoneId = ZoneId.systemDefault()

    override fun withZone(zone: ZoneId): Clock = system(zone)
}
