package dev.idle.provider.entraid; final class Placeholder {}
