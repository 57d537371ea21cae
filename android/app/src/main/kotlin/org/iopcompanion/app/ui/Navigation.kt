package org.iopcompanion.app.ui

import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Call
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.DateRange
import androidx.compose.material.icons.filled.Favorite
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Menu
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.res.stringResource
import androidx.navigation.NavGraph.Companion.findStartDestination
import androidx.navigation.NavHostController
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.screens.CheckInScreen
import org.iopcompanion.app.ui.screens.InsightsScreen
import org.iopcompanion.app.ui.screens.MoreScreen
import org.iopcompanion.app.ui.screens.OnboardingScreen
import org.iopcompanion.app.ui.screens.ReachOutScreen
import org.iopcompanion.app.ui.screens.ReminderHealthScreen
import org.iopcompanion.app.ui.screens.SafetyPlanScreen
import org.iopcompanion.app.ui.screens.ScheduleScreen
import org.iopcompanion.app.ui.screens.SettingsScreen
import org.iopcompanion.app.ui.screens.StoreProblemScreen
import org.iopcompanion.app.ui.screens.TodayScreen
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.NotificationTarget
import org.iopcompanion.core.OpenProblem
import org.iopcompanion.presenters.StoreOpenException

object Routes {
    const val TODAY = "today"
    const val CHECK_IN = "check-in"
    const val SCHEDULE = "schedule"
    const val INSIGHTS = "insights"
    const val MORE = "more"
    const val REACH_OUT = "reach-out"
    const val SAFETY_PLAN = "safety-plan"
    const val SETTINGS = "settings"
    const val REMINDER_HEALTH = "reminder-health"
}

private sealed interface Opening {
    data object Busy : Opening
    data class Ready(val store: CompanionStore, val onboarding: Boolean) : Opening
    data class Failed(val problem: OpenProblem) : Opening
}

/** Opens the store off the main thread, then shows first run, the app, or why it did not open. */
@Composable
fun AppRoot(graph: AppGraph, target: NotificationTarget?, onTargetShown: () -> Unit, onRestart: () -> Unit) {
    var opening by remember { mutableStateOf<Opening>(Opening.Busy) }
    var attempt by remember { mutableIntStateOf(0) }
    val scope = rememberCoroutineScope()
    LaunchedEffect(attempt) {
        opening = Opening.Busy
        opening = withContext(Dispatchers.IO) {
            try {
                val store = graph.store()
                Opening.Ready(store, store.onboardingScreen().needed)
            } catch (e: StoreOpenException) {
                Opening.Failed(e.problem)
            } catch (e: CompanionException) {
                Opening.Failed(OpenProblem.UNAVAILABLE)
            }
        }
    }
    when (val o = opening) {
        Opening.Busy -> Box(Modifier.fillMaxSize(), contentAlignment = Alignment.Center) { CircularProgressIndicator() }
        is Opening.Failed -> StoreProblemScreen(
            problem = o.problem,
            onTryAgain = { attempt++ },
            onStartOver = {
                scope.launch {
                    // Refused while the store is open elsewhere: nothing deleted, and trying again shows why.
                    withContext(Dispatchers.IO) {
                        try {
                            graph.startOver()
                        } catch (e: CompanionException) {
                            Unit
                        }
                    }
                    attempt++
                }
            },
        )
        is Opening.Ready -> if (o.onboarding) {
            OnboardingScreen(graph, o.store, onDone = { opening = o.copy(onboarding = false) })
        } else {
            CompanionApp(graph, o.store, target, onTargetShown, onRestart)
        }
    }
}

private data class Tab(val route: String, val label: Int, val icon: ImageVector)

private val tabs = listOf(
    Tab(Routes.TODAY, R.string.tab_today, Icons.Filled.Home),
    Tab(Routes.CHECK_IN, R.string.tab_check_in, Icons.Filled.CheckCircle),
    Tab(Routes.SCHEDULE, R.string.tab_schedule, Icons.Filled.DateRange),
    Tab(Routes.INSIGHTS, R.string.tab_insights, Icons.Filled.Favorite),
    Tab(Routes.MORE, R.string.tab_more, Icons.Filled.Menu),
)

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun CompanionApp(
    graph: AppGraph,
    store: CompanionStore,
    target: NotificationTarget?,
    onTargetShown: () -> Unit,
    onRestart: () -> Unit,
) {
    val nav = rememberNavController()
    val current by nav.currentBackStackEntryAsState()
    val route = current?.destination?.route

    // Where a tapped notification's `opens` leads.
    LaunchedEffect(target) {
        when (target ?: return@LaunchedEffect) {
            NotificationTarget.TODAY -> nav.go(Routes.TODAY)
            NotificationTarget.CHECK_IN -> nav.go(Routes.CHECK_IN)
            NotificationTarget.SETTINGS -> nav.go(Routes.SETTINGS)
        }
        onTargetShown()
    }

    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(R.string.app_name)) },
                actions = {
                    // Help is one tap away on every screen.
                    if (route != Routes.REACH_OUT) {
                        IconButton(onClick = { nav.go(Routes.REACH_OUT) }) {
                            Icon(Icons.Filled.Call, contentDescription = stringResource(R.string.reach_out))
                        }
                    }
                },
            )
        },
        bottomBar = {
            NavigationBar {
                tabs.forEach { tab ->
                    NavigationBarItem(
                        selected = route == tab.route,
                        onClick = { nav.go(tab.route) },
                        icon = { Icon(tab.icon, contentDescription = null) },
                        label = { Text(stringResource(tab.label)) },
                    )
                }
            }
        },
    ) { padding ->
        NavHost(nav, startDestination = Routes.TODAY, modifier = Modifier.padding(padding)) {
            composable(Routes.TODAY) {
                TodayScreen(
                    graph, store,
                    onCheckIn = { nav.go(Routes.CHECK_IN) },
                    onReachOut = { nav.go(Routes.REACH_OUT) },
                    onReminderHealth = { nav.go(Routes.REMINDER_HEALTH) },
                )
            }
            composable(Routes.CHECK_IN) { CheckInScreen(graph, store, onDone = { nav.go(Routes.TODAY) }) }
            composable(Routes.SCHEDULE) { ScheduleScreen(graph, store) }
            composable(Routes.INSIGHTS) { InsightsScreen(graph, store) }
            composable(Routes.REACH_OUT) { ReachOutScreen(graph, store) }
            composable(Routes.MORE) { MoreScreen(onOpen = { nav.go(it) }) }
            composable(Routes.SAFETY_PLAN) { SafetyPlanScreen(graph, store) }
            composable(Routes.SETTINGS) {
                SettingsScreen(graph, store, onReminderHealth = { nav.go(Routes.REMINDER_HEALTH) }, onErased = onRestart)
            }
            composable(Routes.REMINDER_HEALTH) { ReminderHealthScreen(graph, store) }
        }
    }
}

/** Top-level navigation: one copy of each screen, state kept when switching back. */
private fun NavHostController.go(route: String) {
    navigate(route) {
        popUpTo(graph.findStartDestination().id) { saveState = true }
        launchSingleTop = true
        restoreState = true
    }
}
