package dev.idle.winrmsim;

/** An account the simulator accepts (HTTP Basic), and whether it may run ADSync cmdlets (an ADSync operator). */
record Account(String password, boolean operator) {
    @Override
    public String toString() {
        return "Account[operator=" + operator + "]";
    }
}
