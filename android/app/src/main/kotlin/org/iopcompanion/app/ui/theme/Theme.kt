package org.iopcompanion.app.ui.theme

import android.os.Build
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.dynamicDarkColorScheme
import androidx.compose.material3.dynamicLightColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.LocalContext

// A calm green; the phone's own colours (Material You) on Android 12+.
private val Light = lightColorScheme(
    primary = Color(0xFF2E6B5E),
    onPrimary = Color(0xFFFFFFFF),
    primaryContainer = Color(0xFFB1F0DF),
    onPrimaryContainer = Color(0xFF00201A),
    secondary = Color(0xFF4B635C),
    tertiary = Color(0xFF426278),
    background = Color(0xFFFBFEFB),
    surface = Color(0xFFFBFEFB),
)

private val Dark = darkColorScheme(
    primary = Color(0xFF95D4C3),
    onPrimary = Color(0xFF00382E),
    primaryContainer = Color(0xFF115145),
    onPrimaryContainer = Color(0xFFB1F0DF),
    secondary = Color(0xFFB2CCC3),
    tertiary = Color(0xFFAACBE4),
    background = Color(0xFF191C1B),
    surface = Color(0xFF191C1B),
)

@Composable
fun CompanionTheme(darkTheme: Boolean = isSystemInDarkTheme(), content: @Composable () -> Unit) {
    val context = LocalContext.current
    val colors = when {
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.S ->
            if (darkTheme) dynamicDarkColorScheme(context) else dynamicLightColorScheme(context)
        darkTheme -> Dark
        else -> Light
    }
    MaterialTheme(colorScheme = colors, content = content)
}
