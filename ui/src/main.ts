import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { askEarly } from './lib/first-list';
import { router } from './lib/router.svelte';

// The window opens on the portfolio: its first list is asked for now, while the page is built.
if (router.route.name === 'portfolio') askEarly();

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');

export default mount(App, { target });
