package screens

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
)

// UsersPanel is Settings' Accounts part: turning personal accounts
// on or off, and, for the owner, each person's role and password.
type UsersPanel struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs service calls off the UI goroutine; tests run them inline.
	background func(func())
	// OnAccountsChanged runs when accounts were turned on or off: from then
	// on the window asks who is there, or stops asking.
	OnAccountsChanged func(on bool)

	settings app.AccountSettings
	users    []app.User
	intro    *widget.Label
	rows     *fyne.Container
	actions  *fyne.Container
	box      fyne.CanvasObject
}

// NewUsersPanel builds the panel; Update loads it.
func NewUsersPanel(ctx context.Context, svc *app.Service, win fyne.Window) *UsersPanel {
	p := &UsersPanel{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	p.intro = widget.NewLabel("")
	p.intro.Wrapping = fyne.TextWrapWord
	p.rows, p.actions = container.NewVBox(), container.NewHBox()
	p.box = container.NewVBox(p.intro, p.rows, p.actions)
	return p
}

// Content is the panel's widget tree.
func (p *UsersPanel) Content() fyne.CanvasObject { return p.box }

// Update reads the accounts; off the UI goroutine.
func (p *UsersPanel) Update(ctx context.Context) error {
	if err := p.svc.Permitted(ctx, app.PermUsers); err != nil {
		fyne.Do(func() { p.showNotOwner() })
		return nil
	}
	settings, err := p.svc.AccountSettings(ctx)
	if err != nil {
		return err
	}
	users, err := p.svc.Users(ctx)
	if err != nil {
		return err
	}
	fyne.Do(func() { p.show(settings, users) })
	return nil
}

func (p *UsersPanel) reload() {
	p.background(func() {
		if err := p.Update(p.ctx); err != nil {
			fyne.Do(func() { showError(errors.New(errorText(err)), p.win) })
		}
	})
}

func (p *UsersPanel) showNotOwner() {
	p.intro.SetText(lang.L("Only the owner manages accounts."))
	p.rows.RemoveAll()
	p.actions.RemoveAll()
}

func (p *UsersPanel) show(settings app.AccountSettings, users []app.User) {
	p.settings, p.users = settings, users
	p.rows.RemoveAll()
	p.actions.RemoveAll()
	if !settings.On {
		p.intro.SetText(lang.L("Accounts are off: whoever uses this computer works as the owner, without signing in. Turn them on when staff share the desk: everyone then signs in with their own name and password, may do only what their role allows, and the history names them."))
		turnOn := widget.NewButtonWithIcon(lang.L("Turn on accounts…"), theme.AccountIcon(), p.askTurnOn)
		turnOn.Importance = widget.HighImportance
		p.actions.Add(turnOn)
		if len(users) > 0 {
			// Kept from before, and mendable before turning on again: an
			// owner who forgot their password gives themselves a new one.
			p.rows.Add(widget.NewLabel(lang.L("{{.Count}} accounts are kept from before.", map[string]any{"Count": len(users)})))
			for _, u := range users {
				p.rows.Add(p.userRow(u))
			}
		}
		return
	}
	p.intro.SetText(lang.L("Accounts are on: everyone signs in. After {{.Tries}} wrong passwords in a row under one name, each further one makes that name wait longer before the next try, at most {{.Seconds}} seconds: guessing is slow, and nobody can lock anyone out.",
		map[string]any{"Tries": settings.FreeTries, "Seconds": int(settings.MaxWait / time.Second)}))
	for _, u := range users {
		p.rows.Add(p.userRow(u))
	}
	add := widget.NewButtonWithIcon(lang.L("Add account…"), theme.ContentAddIcon(), func() { p.askAccount(nil) })
	off := widget.NewButton(lang.L("Turn off accounts…"), p.askTurnOff)
	p.actions.Add(add)
	p.actions.Add(off)
}

// userRow is one account: who, role, state, and what the owner can do.
func (p *UsersPanel) userRow(u app.User) fyne.CanvasObject {
	name := u.Login
	if u.FullName != "" {
		name += " (" + u.FullName + ")"
	}
	state := lang.L("active")
	switch {
	case !u.Active:
		state = lang.L("switched off")
	case u.MustChangePassword:
		state = lang.L("chooses a password at the next sign-in")
	}
	last := lang.L("never signed in")
	if !u.LastSignInAt.IsZero() {
		last = lang.L("last signed in {{.Time}}", map[string]any{"Time": dateTime(u.LastSignInAt)})
	}
	label := widget.NewLabel(name + " · " + roleText(u.Role) + " · " + state + " · " + last)
	label.Truncation = fyne.TextTruncateEllipsis
	buttons := container.NewHBox(
		widget.NewButton(lang.L("Change…"), func() { p.askAccount(&u) }),
		widget.NewButton(lang.L("New password…"), func() { p.askResetPassword(u) }))
	return container.NewBorder(nil, nil, nil, buttons, label)
}

// roleChoice is a select of the roles in words.
func roleChoice(selected app.Role) (*widget.Select, func() app.Role) {
	roles := app.Roles()
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = roleText(r)
	}
	sel := newSelect(names, nil)
	for i, r := range roles {
		if r == selected {
			sel.SetSelectedIndex(i)
		}
	}
	return sel, func() app.Role {
		if i := sel.SelectedIndex(); i >= 0 {
			return roles[i]
		}
		return ""
	}
}

// askTurnOn turns accounts on: the first time with the owner's own
// account; later with the accounts kept.
func (p *UsersPanel) askTurnOn() {
	a := newActionDialog(p.win, p.background)
	done := func() {
		if p.OnAccountsChanged != nil {
			p.OnAccountsChanged(true)
		}
		p.reload()
	}
	if len(p.users) > 0 {
		text := widget.NewLabel(lang.L("Everyone signs in from now on, with the accounts kept from before."))
		text.Wrapping = fyne.TextWrapWord
		a.show(lang.L("Turn on accounts…"), lang.L("Turn on"), text, nil, nil, func() (func() error, bool) {
			return func() error { _, err := p.svc.TurnOnAccounts(p.ctx, app.UserInput{}); return err }, true
		}, done)
		return
	}
	login, full, password, repeat := widget.NewEntry(), widget.NewEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	intro := widget.NewLabel(lang.L("First your own account, as the owner: the one that manages the others and restores backups. Keep the password safe: nobody can read it back."))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		a.item(lang.L("Sign-in name"), "login", login),
		a.item(lang.L("Full name"), "full_name", full),
		a.item(lang.L("Password"), "password", password),
		a.item(lang.L("Once more"), "repeat", repeat))
	a.show(lang.L("Turn on accounts…"), lang.L("Turn on"), container.NewVBox(intro, form), login,
		[]*widget.Entry{login, full, password, repeat},
		func() (func() error, bool) {
			if password.Text != repeat.Text {
				a.say("repeat", lang.L("The two passwords differ. Type the same one twice."))
				return nil, false
			}
			in := app.UserInput{Login: login.Text, FullName: full.Text, Role: app.RoleOwner, Password: password.Text}
			return func() error { _, err := p.svc.TurnOnAccounts(p.ctx, in); return err }, true
		}, done)
}

func (p *UsersPanel) askTurnOff() {
	dialog.ShowConfirm(lang.L("Turn off accounts…"),
		lang.L("Nobody signs in any more and whoever uses this computer may do everything, as the owner. The accounts are kept for turning on again. Turn accounts off?"),
		func(yes bool) {
			if !yes {
				return
			}
			p.background(func() {
				err := p.svc.TurnOffAccounts(p.ctx)
				fyne.Do(func() {
					if err != nil {
						showError(errors.New(errorText(err)), p.win)
						return
					}
					if p.OnAccountsChanged != nil {
						p.OnAccountsChanged(false)
					}
					p.reload()
				})
			})
		}, p.win)
}

// askAccount adds an account (u nil) or changes one's name, role and
// whether it is on.
func (p *UsersPanel) askAccount(u *app.User) {
	a := newActionDialog(p.win, p.background)
	full := widget.NewEntry()
	role, chosenRole := roleChoice(app.RoleService)
	if u == nil {
		login, password, repeat := widget.NewEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
		note := widget.NewLabel(lang.L("Give the person this first password; they choose their own when they first sign in."))
		note.Wrapping = fyne.TextWrapWord
		form := widget.NewForm(
			a.item(lang.L("Sign-in name"), "login", login),
			a.item(lang.L("Full name"), "full_name", full),
			a.item(lang.L("Role"), "role", role),
			a.item(lang.L("First password"), "password", password),
			a.item(lang.L("Once more"), "repeat", repeat))
		a.show(lang.L("Add account…"), lang.L("Add"), container.NewVBox(form, note), login,
			[]*widget.Entry{login, full, password, repeat},
			func() (func() error, bool) {
				if password.Text != repeat.Text {
					a.say("repeat", lang.L("The two passwords differ. Type the same one twice."))
					return nil, false
				}
				in := app.UserInput{Login: login.Text, FullName: full.Text, Role: chosenRole(), Password: password.Text}
				return func() error { _, err := p.svc.AddUser(p.ctx, in); return err }, true
			}, p.reload)
		return
	}
	full.SetText(u.FullName)
	role, chosenRole = roleChoice(u.Role)
	active := widget.NewCheck(lang.L("May sign in"), nil)
	active.SetChecked(u.Active)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Sign-in name"), widget.NewLabel(u.Login)),
		a.item(lang.L("Full name"), "full_name", full),
		a.item(lang.L("Role"), "role", role),
		a.item("", "active", active))
	changed := *u
	a.show(lang.L("Change account"), lang.L("Save"), form, full, []*widget.Entry{full},
		func() (func() error, bool) {
			changed.FullName, changed.Role, changed.Active = full.Text, chosenRole(), active.Checked
			return func() error { _, err := p.svc.ChangeUser(p.ctx, changed); return err }, true
		}, p.reload)
}

// askResetPassword gives someone who forgot theirs a new password.
func (p *UsersPanel) askResetPassword(u app.User) {
	a := newActionDialog(p.win, p.background)
	password, repeat := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	note := widget.NewLabel(lang.L("{{.Name}} signs in once with this password and then chooses their own. Any wait after wrong passwords ends too.",
		map[string]any{"Name": u.Login}))
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		a.item(lang.L("New password"), "password", password),
		a.item(lang.L("Once more"), "repeat", repeat))
	a.show(lang.L("New password for {{.Name}}", map[string]any{"Name": u.Login}), lang.L("Save"),
		container.NewVBox(form, note), password, []*widget.Entry{password, repeat},
		func() (func() error, bool) {
			if password.Text != repeat.Text {
				a.say("repeat", lang.L("The two passwords differ. Type the same one twice."))
				return nil, false
			}
			chosen := password.Text
			return func() error { return p.svc.ResetPassword(p.ctx, u.ID, chosen) }, true
		}, p.reload)
}
