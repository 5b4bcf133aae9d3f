package screens

import (
	"context"
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/assets"
)

// SignIn is the window's first screen when the shop has personal accounts
// a name and a password. Someone whose password the owner set
// chooses their own before going on.
type SignIn struct {
	ctx context.Context
	svc *app.Service
	win fyne.Window
	// background runs the slow password check off the UI goroutine; tests
	// run it inline.
	background func(func())
	// OnSignedIn opens the desk as the person who signed in.
	OnSignedIn func(app.User)

	login, password   *widget.Entry
	newPass, repeat   *widget.Entry
	signIn, choose    *widget.Button
	problem, greeting *widget.Label
	form, chooseForm  *fyne.Container
	user              app.User // signed in, while choosing a password
	card              *fyne.Container
	box               *fyne.Container
}

// NewSignIn builds the sign-in screen for the shop named shopName.
func NewSignIn(ctx context.Context, svc *app.Service, win fyne.Window, shopName string) *SignIn {
	s := &SignIn{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	title := widget.NewLabelWithStyle(shopName, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	s.login = widget.NewEntry()
	s.login.SetPlaceHolder(lang.L("Your sign-in name"))
	s.password = widget.NewPasswordEntry()
	s.password.SetPlaceHolder(lang.L("Password"))
	s.signIn = widget.NewButtonWithIcon(lang.L("Sign in"), theme.LoginIcon(), s.submit)
	s.signIn.Importance = widget.HighImportance
	s.problem = problemLabel()
	enterMovesOn(win.Canvas(), []*widget.Entry{s.login, s.password}, s.submit)
	forgot := widget.NewLabel(lang.L("Forgot your password? The owner gives you a new one in Settings → Accounts."))
	forgot.Wrapping = fyne.TextWrapWord
	s.form = container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.L("Sign-in name"), s.login), widget.NewFormItem(lang.L("Password"), s.password)),
		s.signIn, forgot)

	s.greeting = widget.NewLabel("")
	s.greeting.Wrapping = fyne.TextWrapWord
	s.newPass, s.repeat = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	s.choose = widget.NewButtonWithIcon(lang.L("Save my password"), theme.ConfirmIcon(), s.submitNewPassword)
	s.choose.Importance = widget.HighImportance
	enterMovesOn(win.Canvas(), []*widget.Entry{s.newPass, s.repeat}, s.submitNewPassword)
	s.chooseForm = container.NewVBox(s.greeting,
		widget.NewForm(widget.NewFormItem(lang.L("New password"), s.newPass),
			widget.NewFormItem(lang.L("Once more"), s.repeat)),
		s.choose)
	s.chooseForm.Hide()

	// The card keeps one width, so a long refusal wraps under the fields.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(420, 0))
	s.card = container.NewVBox(icon, title, widget.NewSeparator(), s.form, s.chooseForm, s.problem, width)
	s.box = container.NewCenter(s.card)
	return s
}

// SetBackground says how the screen runs the password check: off the UI
// goroutine in the window, inline in tests.
func (s *SignIn) SetBackground(run func(func())) { s.background = run }

// Content is the screen's widget tree.
func (s *SignIn) Content() fyne.CanvasObject { return s.box }

// Focus puts the cursor in the name.
func (s *SignIn) Focus() { s.win.Canvas().Focus(s.login) }

func (s *SignIn) submit() {
	if s.signIn.Disabled() {
		return
	}
	login, password := s.login.Text, s.password.Text
	s.problem.Hide()
	if login == "" {
		s.say(lang.L("Type your sign-in name."))
		return
	}
	s.signIn.Disable()
	s.background(func() {
		u, err := s.svc.SignIn(s.ctx, login, password)
		fyne.Do(func() {
			s.signIn.Enable()
			if err != nil {
				s.password.SetText("")
				s.say(signInErrorText(err))
				s.win.Canvas().Focus(s.password)
				return
			}
			if u.MustChangePassword {
				s.askNewPassword(u)
				return
			}
			s.done(u)
		})
	})
}

// askNewPassword has a person whose password the owner set choose their own.
func (s *SignIn) askNewPassword(u app.User) {
	s.user = u
	s.greeting.SetText(lang.L("Welcome, {{.Name}}. Choose your own password: at least 8 characters, known only to you.",
		map[string]any{"Name": u.Login}))
	s.form.Hide()
	s.chooseForm.Show()
	s.box.Refresh()
	s.win.Canvas().Focus(s.newPass)
}

func (s *SignIn) submitNewPassword() {
	if s.choose.Disabled() {
		return
	}
	s.problem.Hide()
	if s.newPass.Text != s.repeat.Text {
		s.say(lang.L("The two passwords differ. Type the same one twice."))
		return
	}
	given, next, u := s.password.Text, s.newPass.Text, s.user
	s.choose.Disable()
	s.background(func() {
		err := s.svc.ChangePassword(app.WithActor(s.ctx, u.Actor()), given, next)
		fyne.Do(func() {
			s.choose.Enable()
			if err != nil {
				s.say(errorText(err))
				return
			}
			u.MustChangePassword = false
			s.done(u)
		})
	})
}

func (s *SignIn) done(u app.User) {
	s.password.SetText("")
	if s.OnSignedIn != nil {
		s.OnSignedIn(u)
	}
}

func (s *SignIn) say(text string) {
	s.problem.SetText(text)
	s.problem.Show()
	s.box.Refresh() // centred again at its new height
}

// signInErrorText says why a sign-in was refused and what to do. The
// words never tell whether an account has the name.
func signInErrorText(err error) string {
	var tooMany *app.TooManyTriesError
	var off *app.SwitchedOffError
	switch {
	case errors.As(err, &tooMany) && tooMany.Wrong:
		return lang.L("The name or the password is wrong.") + " " + waitText(tooMany.Seconds())
	case errors.As(err, &tooMany):
		return waitText(tooMany.Seconds())
	case errors.Is(err, app.ErrSignIn):
		return lang.L("The name or the password is wrong. Check the keyboard's language and Caps Lock, then try again.")
	case errors.As(err, &off):
		return lang.L("The account {{.Name}} is switched off. Ask the owner to switch it on.", map[string]any{"Name": off.Login})
	}
	return errorText(err)
}

// waitText says how long a name waits, after too many wrong passwords,
// before its next sign-in.
func waitText(seconds int) string {
	if seconds <= 1 {
		return lang.L("Too many wrong tries for this name: try again in a second.")
	}
	return lang.L("Too many wrong tries for this name: try again in {{.Seconds}} seconds.", map[string]any{"Seconds": seconds})
}

// ShowChangePassword lets the signed-in person choose a new password.
func ShowChangePassword(ctx context.Context, svc *app.Service, win fyne.Window, background func(func())) {
	a := newActionDialog(win, background)
	current, next, repeat := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	form := widget.NewForm(
		a.item(lang.L("Current password"), "current", current),
		a.item(lang.L("New password"), "password", next),
		a.item(lang.L("Once more"), "repeat", repeat))
	a.show(lang.L("Change my password"), lang.L("Save"), form, current, []*widget.Entry{current, next, repeat},
		func() (func() error, bool) {
			if next.Text != repeat.Text {
				a.say("repeat", lang.L("The two passwords differ. Type the same one twice."))
				return nil, false
			}
			given, chosen := current.Text, next.Text
			return func() error { return svc.ChangePassword(ctx, given, chosen) }, true
		},
		func() {
			dialog.ShowInformation(lang.L("Change my password"), lang.L("Your new password is saved."), win)
		})
}
